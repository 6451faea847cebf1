import type { SourceParser } from '../parser';
import { magentoAddressesParser, magentoCustomersParser } from './magento';
import { salesforceDataExportParser } from './salesforce-export';
import { sfccCustomersParser } from './sfcc-customers';
import { shopifyCustomersParser, shopifyOrdersParser } from './shopify';
import { wooCommerceCustomersParser, wooCommerceOrdersParser } from './woocommerce';

export const peopleParsers: readonly SourceParser[] = [
  salesforceDataExportParser,
  shopifyCustomersParser,
  shopifyOrdersParser,
  magentoCustomersParser,
  magentoAddressesParser,
  wooCommerceCustomersParser,
  wooCommerceOrdersParser,
  sfccCustomersParser,
];

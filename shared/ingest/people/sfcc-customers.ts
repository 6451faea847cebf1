import sax from 'sax';
import { clean } from '../../normalize/text';
import type { RawAddress } from '../../normalize/address';
import { readRange } from '../encoding';
import type { DetectSample, ParseInput, ParseResult, Provenance, RowSink, SourceParser } from '../parser';
import { BirthDateNotes } from './birth-date-notes';
import { subjectRecord } from './subject';

/** sax gives plain strings without xmlns; the qualified form carries the text in `value`. */
function attributeText(attribute: string | sax.QualifiedAttribute | undefined): string {
  return typeof attribute === 'string' ? attribute : (attribute?.value ?? '');
}

const NAMESPACE = 'demandware.com/xml/impex/customer';
/** A customer's data nests a few levels deep; deeper nesting is hostile or broken, and is rejected unread. */
const MAX_CUSTOMER_DEPTH = 32;

/** Maps character positions in the decoded text back to byte offsets, for the chunks still in reach. */
class BytePositions {
  private chunks: Array<{ charStart: number; byteStart: number; text: string }> = [];
  private chars = 0;
  private bytes = 0;

  add(text: string): void {
    this.chunks.push({ charStart: this.chars, byteStart: this.bytes, text });
    if (this.chunks.length > 4) this.chunks.shift();
    this.chars += text.length;
    this.bytes += Buffer.byteLength(text);
  }

  byteAt(charPos: number): number {
    for (let i = this.chunks.length - 1; i >= 0; i--) {
      const c = this.chunks[i]!;
      if (charPos >= c.charStart) return c.byteStart + Buffer.byteLength(c.text.slice(0, charPos - c.charStart));
    }
    return this.chunks[0]?.byteStart ?? 0;
  }
}

interface CustomerDraft {
  no: string | null;
  startByte: number;
  fields: Record<string, string>;
  addresses: RawAddress[];
  /** Phones of the address book: a customer reachable only through an address's phone is still reachable. */
  addressPhones: string[];
  currentAddress: Record<string, string> | null;
  error: string | null;
}

/** An element's name without its namespace prefix (`dw:customer` → `customer`). */
function localName(name: string): string {
  return name.slice(name.indexOf(':') + 1);
}

/** `birthday` is an xsd:date, which may carry a zone (`1988-10-21Z`, `1988-10-21+02:00`); a date of birth is the calendar date alone. */
function calendarDate(value: string | undefined): string | undefined {
  return value?.replace(/^(\d{4}-\d{2}-\d{2})(?:Z|[+-]\d{2}:\d{2})$/, '$1');
}

function toAddress(values: Record<string, string>): RawAddress {
  return {
    kind: values.preferred === 'true' ? 'default' : 'other',
    street: [values.address1, values.address2, values.suite, values.postbox],
    city: values.city,
    state: values['state-code'],
    postalCode: values['postal-code'],
    country: values['country-code'],
  };
}

export const sfccCustomersParser: SourceParser = {
  format: 'sfcc-customers-xml',
  version: '2',
  description: 'Salesforce B2C Commerce (SFCC) customer XML export: customer profiles and address books.',

  detect(sample: DetectSample): number {
    const text = sample.head.toString('utf8', 0, Math.min(sample.head.length, 8192));
    // `customers` is the customer import/export file; `customer-list` (customerlist2.xsd, same namespace) the site export's.
    return /<(?:[\w.-]+:)?customer(?:s|-list)[\s>]/.test(text) && text.includes(NAMESPACE) ? 0.95 : 0;
  },

  async parse(input: ParseInput, sink: RowSink): Promise<ParseResult> {
    const parser = sax.parser(true, { trim: false, position: true, xmlns: false });
    const positions = new BytePositions();
    const path: string[] = [];
    let text = '';
    let customer: CustomerDraft | null = null;
    let recordNo = 0;
    let customAttribute: string | null = null;
    const pendingRejects: Array<{ recordNo: number; byteOffset: number; byteLength: number; reason: string }> = [];
    const birthDates = new BirthDateNotes();

    const finishCustomer = (endByte: number): void => {
      if (!customer) return;
      recordNo++;
      const provenance: Provenance = { recordNo, lineNo: null, byteOffset: customer.startByte, byteLength: endByte - customer.startByte, entry: null };
      if (customer.error) {
        pendingRejects.push({ recordNo, byteOffset: provenance.byteOffset, byteLength: provenance.byteLength, reason: `The customer element is not well-formed XML (${customer.error}).` });
      } else {
        const f = customer.fields;
        const subject = subjectRecord(provenance, { system: 'sfcc', objectType: 'customer', sourceId: customer.no, locale: input.options.locale }, f, {
          first: f['profile.first-name'],
          middle: f['profile.second-name'],
          last: f['profile.last-name'],
          emails: [f['profile.email'], f['credentials.login']],
          phones: [f['profile.phone-mobile'], f['profile.phone-home'], f['profile.phone-business'], ...customer.addressPhones],
          birthDate: calendarDate(f['profile.birthday']),
          updatedAt: f['profile.last-modified'],
          addresses: customer.addresses,
        });
        birthDates.note(f['profile.birthday'], subject);
        sink.subject(subject);
      }
      customer = null;
    };

    parser.onopentag = (openTag) => {
      const tag = { name: localName(openTag.name), attributes: openTag.attributes };
      path.push(tag.name);
      text = '';
      if (tag.name === 'customer' && path.length === 2) {
        customer = {
          no: clean(attributeText(tag.attributes['customer-no'])),
          startByte: positions.byteAt(parser.startTagPosition - 1),
          fields: {},
          addresses: [],
          addressPhones: [],
          currentAddress: null,
          error: null,
        };
        if (customer.no) customer.fields['customer-no'] = customer.no;
      } else if (customer && path.length > MAX_CUSTOMER_DEPTH) {
        customer.error ??= `its elements nest deeper than ${MAX_CUSTOMER_DEPTH} levels`;
      } else if (customer && tag.name === 'address') {
        customer.currentAddress = {};
        for (const [key, value] of Object.entries(tag.attributes)) customer.currentAddress[key] = String(value);
      } else if (customer && tag.name === 'custom-attribute') {
        customAttribute = attributeText(tag.attributes['attribute-id']);
      }
    };
    parser.ontext = (value) => (text += value);
    parser.oncdata = (value) => (text += value);
    parser.onclosetag = (qualifiedName) => {
      const name = localName(qualifiedName);
      const draft = customer;
      // Past the depth cap the customer is already a reject: nothing per tag may cost more than constant time.
      if (draft && path.length <= MAX_CUSTOMER_DEPTH) {
        const inner = path.slice(2);
        const value = text.trim();
        if (name === 'address' && draft.currentAddress) {
          draft.addresses.push(toAddress(draft.currentAddress));
          if (draft.currentAddress.phone) draft.addressPhones.push(draft.currentAddress.phone);
          const n = draft.addresses.length;
          for (const [key, v] of Object.entries(draft.currentAddress)) draft.fields[`addresses.address[${n}].${key}`] = v;
          draft.currentAddress = null;
        } else if (draft.currentAddress && inner.length > 0 && value !== '') {
          draft.currentAddress[name] = value;
        } else if (name === 'custom-attribute' && customAttribute) {
          draft.fields[`${inner.slice(0, -2).join('.')}.custom.${customAttribute}`] = value;
          customAttribute = null;
        } else if (value !== '' && inner.length > 0) {
          draft.fields[inner.join('.')] = value;
        }
      }
      text = '';
      path.pop();
      if (name === 'customer' && path.length === 1) finishCustomer(positions.byteAt(parser.position));
    };
    parser.onerror = (error) => {
      const message = error.message.split('\n')[0] ?? error.message;
      if (customer) customer.error ??= message;
      else pendingRejects.push({ recordNo: recordNo + 1, byteOffset: positions.byteAt(parser.position), byteLength: 0, reason: `The XML is not well-formed outside any customer (${message}).` });
      parser.error = null as unknown as Error;
      parser.resume();
    };

    const decoder = new TextDecoder('utf-8');
    let bytesRead = 0;
    for await (const chunk of input.open() as AsyncIterable<Buffer>) {
      if (input.signal.aborted) break;
      const decoded = decoder.decode(chunk, { stream: true });
      positions.add(decoded);
      parser.write(decoded);
      bytesRead += chunk.length;
      sink.progress(bytesRead);
    }
    const rest = decoder.decode();
    positions.add(rest);
    parser.write(rest).close();
    if (customer) {
      (customer as CustomerDraft).error ??= 'the file ends inside this customer';
      finishCustomer(input.size);
    }
    for (const bad of pendingRejects) {
      const raw = await readRange(input, bad.byteOffset, Math.min(bad.byteLength, 64 * 1024));
      sink.reject({ entry: null, recordNo: bad.recordNo, lineNo: null, byteOffset: bad.byteOffset, byteLength: bad.byteLength, reason: bad.reason, raw });
    }
    birthDates.warn(sink, input.options.locale);
    return { encoding: 'utf-8', encodingGuessed: false };
  },
};

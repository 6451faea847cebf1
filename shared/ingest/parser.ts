import type { Readable } from 'node:stream';

/**
 * The one interface every source-format parser implements. A parser reads the vault copy of one
 * evidence file and hands normalized rows, rejects and warnings to a sink; it never touches the store.
 */
export interface SourceParser {
  /** Stable format id recorded on evidence and imports, e.g. `salesforce-elf`. */
  readonly format: string;
  /** Parser version recorded with every import; bump it when output for the same bytes changes. */
  readonly version: string;
  /** One line for the README and `formats`: what the format proves. */
  readonly description: string;
  /** 0 when the sample is not this format; otherwise a confidence in (0, 1]. Must be cheap. */
  detect(sample: DetectSample): number;
  parse(input: ParseInput, sink: RowSink): Promise<ParseResult>;
  /** True when `parse` reads a ZIP itself; otherwise the pipeline hands it the archive's members one by one. */
  readonly readsZip?: boolean;
}

export interface DetectSample {
  fileName: string;
  size: number;
  /** The first bytes of the file (up to 64 KiB). */
  head: Buffer;
}

export type EncodingName = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** A saved column mapping for generic CSV / JSON Lines logs: target field → source column or key. */
export type ColumnMapping = Readonly<Record<string, string>>;

export interface ParseOptions {
  /** Forced encoding (`--encoding`); otherwise the parser detects and reports it. */
  readonly encoding?: EncodingName;
  /** IANA zone for sources whose timestamps are local time without an offset. */
  readonly timeZone?: string;
  /** Locale for sources that print locale dates (Setup Audit Trail), e.g. `en-US`, `en-GB`. */
  readonly locale?: string;
  readonly mapping?: ColumnMapping;
}

export interface ParseInput {
  readonly fileName: string;
  readonly size: number;
  /** Opens the evidence bytes (the vault copy, plaintext) as a stream; `start`/`end` are inclusive byte offsets. */
  open(range?: { start: number; end?: number }): Readable;
  readonly options: ParseOptions;
  readonly signal: AbortSignal;
}

export interface ParseResult {
  /** The encoding used to decode the file. */
  encoding: EncodingName | 'binary' | 'n/a';
  /** True when the encoding could not be decided without doubt (the summary then warns). */
  encodingGuessed: boolean;
}

/** Where a row came from. Offsets are into the evidence file, or into the archive entry when `entry` is set. */
export interface Provenance {
  /** 1-based number of the data record within the file (or entry). */
  recordNo: number;
  /** 1-based line where the record starts, for line-oriented text formats. */
  lineNo: number | null;
  byteOffset: number;
  byteLength: number;
  /** Archive member name (ZIP evidence); null for plain files. */
  entry: string | null;
}

export type DetailValue = string | number | boolean | null | readonly string[];

export interface AccessEventRow extends Provenance {
  /** e.g. `elf:API`, `rtem:ApiEvent`, `setup-audit-trail`, `login-history`, `web:combined`, `cloudtrail`. */
  sourceType: string;
  /** UTC, ISO 8601 with milliseconds: `2025-06-01T12:34:56.789Z`. */
  ts: string;
  actorId: string | null;
  username: string | null;
  sessionKey: string | null;
  loginKey: string | null;
  clientIp: string | null;
  sourceIp: string | null;
  userAgent: string | null;
  /** Connected app id or name. */
  app: string | null;
  /** API client name (e.g. `DataLoaderBulkUI/`). */
  client: string | null;
  operation: string | null;
  objectType: string | null;
  query: string | null;
  rowsProcessed: number | null;
  status: string | null;
  requestId: string | null;
  uri: string | null;
  /** 18-character record ids the event names. */
  recordIds: readonly string[];
  /** The record list is known to be incomplete (`done` false, or fewer ids than the reported count). */
  recordsPartial: boolean;
  /** Same value for the same event seen in two overlapping files (daily vs hourly). */
  dedupKey: string;
  /** Type-specific fields later stages need (report column headers, entity name, ...). */
  details: Readonly<Record<string, DetailValue>> | null;
}

export type StateSource = 'name' | 'abbreviation' | 'zip';

export interface PostalAddress {
  /** e.g. `mailing`, `billing`, `shipping`, `other`, `default`. */
  kind: string;
  street: string | null;
  city: string | null;
  /** ISO 3166-2 subdivision code, e.g. `US-CA`, `CA-ON`. */
  region: string | null;
  /** What decided a US state; null when no region was found. */
  regionSource: StateSource | null;
  postalCode: string | null;
  /** ISO 3166-1 alpha-2. */
  country: string | null;
}

export type SubjectLinkType = 'person_contact' | 'converted_contact' | 'case_contact' | 'order_bill_to' | 'account';

export interface SubjectLink {
  type: SubjectLinkType;
  /** 18-character Salesforce id (or the target system's id). */
  targetId: string;
}

export interface SubjectRecordRow extends Provenance {
  /** `salesforce`, `shopify`, `magento`, `woocommerce`, `sfcc`. */
  system: string;
  /** `Contact`, `Lead`, `Account`, `Case`, `Order`, `User`, `customer`, ... */
  objectType: string;
  /** Salesforce ids at 18 characters. */
  sourceId: string | null;
  /** Every raw field, header → value as decoded. */
  fields: Readonly<Record<string, string>>;
  firstName: string | null;
  lastName: string | null;
  fullName: string | null;
  /** Trimmed, lowercased, plus-tag kept. */
  email: string | null;
  /** Matching key: `email` without the plus-tag. */
  emailKey: string | null;
  /** E.164. */
  phone: string | null;
  /** YYYY-MM-DD. */
  birthDate: string | null;
  /** When the source says the record last changed (UTC ISO), for the most-recent-address rule. */
  updatedAt: string | null;
  addresses: readonly PostalAddress[];
  links: readonly SubjectLink[];
}

export interface RejectRow {
  entry: string | null;
  recordNo: number | null;
  lineNo: number | null;
  byteOffset: number;
  byteLength: number;
  /** One sentence: what is wrong with the row. */
  reason: string;
  /** The offending bytes; the store keeps the first 64 KiB and the vault keeps all of them. */
  raw: Buffer;
}

export interface ArchiveEntryInfo {
  name: string;
  size: number;
  sha256: string;
  sha1: string;
  md5: string;
}

export interface RowSink {
  event(row: AccessEventRow): void;
  subject(row: SubjectRecordRow): void;
  reject(row: RejectRow): void;
  /** A file-level warning for the import summary (e.g. an encoding guess). */
  warn(message: string): void;
  /** Bytes of the input consumed so far. */
  progress(bytesRead: number): void;
  /** Each member of an archive, hashed. */
  archiveEntry(info: ArchiveEntryInfo): void;
}

import { addBusinessDays, type HolidayCalendar } from './business-days';
import { addDays, entryInForce } from './dates';
import { UNKNOWN_AMOUNT, type Deadline, type IsoDate, type NoticeParty, type NoticePeriod, type RulePack } from './types';

/** A due date, or the rule in words when the law sets no fixed date. */
export type Due = { kind: 'date'; date: IsoDate; text: string } | { kind: 'open'; text: string };

export interface DeadlineContext {
  discoveredDate: IsoDate;
  calendar: HolidayCalendar;
  /** Actual or planned individual notice date, when known. */
  individualNoticeDate?: IsoDate;
}

/** The notice period of one party in force on the discovery date. */
export function noticePeriod(pack: RulePack, party: NoticeParty, discoveredDate: IsoDate): NoticePeriod | undefined {
  const duty = pack.notices.find((notice) => notice.party === party);
  return duty ? entryInForce(duty.periods, discoveredDate) : undefined;
}

/** When individuals must be notified, counted from discovery. */
export function individualDue(pack: RulePack, context: DeadlineContext): Due {
  const period = noticePeriod(pack, 'individuals', context.discoveredDate);
  if (!period?.deadline) return { kind: 'open', text: `${UNKNOWN_AMOUNT}: no individual notice rule in the pack for ${context.discoveredDate}` };
  return dueFor(period.deadline, context, undefined);
}

/** When a party must be notified; regulator and CRA clocks may run from individual notice. */
export function dueFor(deadline: Deadline, context: DeadlineContext, individual: Due | undefined): Due {
  switch (deadline.kind) {
    case 'days':
      if (deadline.after === 'discovery') {
        return { kind: 'date', date: count(deadline, context.discoveredDate, context.calendar), text: `${describeDays(deadline)} after discovery (${context.discoveredDate})` };
      }
      return fromIndividualNotice(context, individual, (anchor) => count(deadline, anchor, context.calendar), `${describeDays(deadline)} after notice to individuals`);
    case 'hours': {
      // The case records dates, not times: the last whole day that is surely within the hours, wherever in the day discovery fell.
      const date = addDays(context.discoveredDate, Math.max(0, Math.ceil(deadline.hours / 24) - 1));
      return { kind: 'date', date, text: `${deadline.hours} hours after discovery (${context.discoveredDate}); by ${date} at the latest, since the time of discovery is not recorded` };
    }
    case 'no-later-than-individual-notice':
      return fromIndividualNotice(context, individual, (anchor) => anchor, 'no later than notice to individuals');
    case 'before-individual-notice':
      return fromIndividualNotice(context, individual, (anchor) => anchor, 'before notice to individuals');
    case 'without-unreasonable-delay':
      return { kind: 'open', text: `${deadline.text} (no fixed number of days)` };
    case 'none':
      return { kind: 'open', text: `no statutory deadline: ${deadline.text}` };
    case 'unknown':
      return { kind: 'open', text: `${UNKNOWN_AMOUNT}: ${deadline.text}` };
  }
}

function fromIndividualNotice(context: DeadlineContext, individual: Due | undefined, compute: (anchor: IsoDate) => IsoDate, rule: string): Due {
  if (context.individualNoticeDate) {
    return { kind: 'date', date: compute(context.individualNoticeDate), text: `${rule} (notice date ${context.individualNoticeDate})` };
  }
  if (individual?.kind === 'date') {
    return { kind: 'date', date: compute(individual.date), text: `${rule}; if individuals are notified on their deadline ${individual.date}` };
  }
  return { kind: 'open', text: `${rule} (no fixed individual deadline and no notice date given)` };
}

function count(deadline: Extract<Deadline, { kind: 'days' }>, start: IsoDate, calendar: HolidayCalendar): IsoDate {
  return deadline.dayType === 'business' ? addBusinessDays(calendar, start, deadline.days) : addDays(start, deadline.days);
}

function describeDays(deadline: Extract<Deadline, { kind: 'days' }>): string {
  return deadline.dayType === 'business'
    ? `${deadline.days} business days (weekends and US federal holidays skipped)`
    : `${deadline.days} calendar days`;
}

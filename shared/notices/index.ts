/** The letter engine (issue 23): notice facts, templates checked against the rule packs, and the letters in every format. */
export { parseNoticeFacts, type IdentityProtectionOffer, type NoticeFacts } from './notice-facts';
export { decideMethod, WRITTEN_NOTICE, type MethodDecision, type NoticeMethodChoice } from './notice-method';
export { readNoticeFacts, recordNoticeFacts, type StoredNoticeFacts } from './facts-store';
export { letterRules, type LetterRules } from './letter-rules';
export { defaultTemplate } from './default-template';
export { checkTemplate, type RequirementStatus, type TemplateCheck } from './check-template';
export { parseTemplate, BLOCK_KINDS, type TemplateProblem } from './template-format';
export { PLACEHOLDERS, type PlaceholderSpec } from './placeholders';
export { recordNoticeTemplate, rulesFor, templateInUse, type TemplateInUse } from './template-store';
export { letterJurisdictions, type HeldForReview, type NoticeAssessment } from './recipients';
export { planNotices, previewLetter, type JurisdictionPlan, type LetterPreview } from './plan-notices';
export { NOTICE_FILES, writeNotices, type JurisdictionNotices, type WriteNoticesOptions } from './write-notices';
export { MERGE_FIELDS, type LetterParagraph } from './compile-letter';

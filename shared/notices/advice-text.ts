/** Plain-language paragraphs the `advice.*` placeholders print (general guidance, no law figures). */
export const ADVICE_TEXT: Readonly<Record<string, string>> = {
  'advice.vigilance':
    'We encourage you to remain vigilant: review your account statements and monitor your credit reports for activity you do not recognize. You are entitled to a free credit report from each of the nationwide consumer reporting agencies.',
  'advice.protective-steps':
    'You can protect yourself by reviewing your account statements, monitoring your credit reports, and placing a fraud alert or a security freeze on your credit file.',
  'advice.report-identity-theft':
    'If you believe you are the victim of identity theft, report it to your local law enforcement, to your state Attorney General, or to the Federal Trade Commission.',
  'advice.credit-freeze':
    'You have the right to place a security freeze on your credit report, free of charge. A security freeze prevents a consumer reporting agency from releasing your credit report without your express authorization. To place one, contact each of the consumer reporting agencies.',
  'advice.fraud-alert':
    'You have the right to place a fraud alert on your credit file, free of charge. A fraud alert tells businesses to take extra steps to verify your identity before opening credit in your name. The agency you contact will tell the other nationwide agencies.',
  'advice.fcra-rights':
    'You have rights under the federal Fair Credit Reporting Act, including the right to know what is in your credit file, to dispute incomplete or inaccurate information, and to have consumer reporting agencies correct or delete inaccurate, incomplete or unverifiable information.',
  'advice.police-report': 'You have the right to obtain a police report about this incident, and to file a police report if you become a victim of identity theft.',
  'advice.credentials':
    'Please change your password and your security questions and answers for your account with us, and for any other account where you use the same ones.',
  'advice.biometric':
    'If you use the same biometric data (such as a fingerprint or a face scan) with other organizations, please tell them about this incident so that they can stop relying on it to identify you.',
};

/** Name and text pools. Latin-1 accents and apostrophes are deliberate: the Data Export is written in ISO-8859-1. */

export const FIRST_NAMES = [
  'James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth', 'William',
  'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Christopher', 'Karen', 'Charles', 'Lisa',
  'Daniel', 'Nancy', 'Matthew', 'Betty', 'Anthony', 'Sandra', 'Mark', 'Margaret', 'Donald', 'Ashley', 'Steven',
  'Kimberly', 'Andrew', 'Emily', 'Joshua', 'Donna', 'Kenneth', 'Michelle', 'Kevin', 'Carol', 'Brian', 'Amanda',
  'Timothy', 'Melissa', 'Ronald', 'Deborah', 'Jason', 'Stephanie', 'José', 'María', 'Zoë', 'Renée', 'André',
  'Chloé', 'Luis', 'Carmen', 'Wei', 'Mei', 'Hiroshi', 'Yuki', 'Priya', 'Arjun', 'Fatima', 'Omar', 'Aaliyah',
  'DeShawn', 'Siobhan', 'Liam', 'Olivia', 'Noah', 'Emma', 'Ava', 'Sophia', 'Isabella', 'Mateo', 'Camila', 'Elijah',
  'Harper', 'Lucas', 'Evelyn', 'Mason', 'Abigail', 'Ethan', 'Ella', 'Logan', 'Scarlett', 'Aiden', 'Grace',
];

export const NICKNAMES: Readonly<Record<string, string>> = {
  Robert: 'Bob', William: 'Bill', Richard: 'Rick', Elizabeth: 'Liz', Jennifer: 'Jen', Michael: 'Mike',
  Christopher: 'Chris', Matthew: 'Matt', Joseph: 'Joe', Margaret: 'Maggie', Kimberly: 'Kim', Deborah: 'Debbie',
  Stephanie: 'Steph', Daniel: 'Dan', Anthony: 'Tony', Patricia: 'Patty', Andrew: 'Andy', Kenneth: 'Ken',
};

export const LAST_NAMES = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez',
  'Hernandez', 'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin', 'Lee',
  'Perez', 'Thompson', 'White', 'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson', 'Walker', 'Young',
  'Allen', 'King', 'Wright', 'Scott', 'Torres', 'Nguyen', 'Hill', 'Flores', 'Green', 'Adams', 'Nelson', 'Baker',
  'Hall', 'Rivera', 'Campbell', 'Mitchell', 'Carter', 'Roberts', "O'Brien", "D'Angelo", 'Müller', 'Peña', 'Núñez',
  'Kowalski', 'Nakamura', 'Patel', 'Chen', 'Kim', 'Okafor', 'Haddad', 'Schröder', 'MacDonald', 'Van der Berg',
  'Fitzgerald', 'Delgado', 'Castillo', 'Vasquez', 'Ortiz', 'Morales', 'Reyes', 'Cruz', 'Gutierrez', 'Ward',
];

export const STREET_NAMES = [
  'Maple', 'Oak', 'Pine', 'Cedar', 'Elm', 'Washington', 'Lake', 'Hill', 'Park', 'Main', 'Church', 'Sunset',
  'Highland', 'Lincoln', 'Jefferson', 'Ridge', 'Willow', 'River', 'Meadow', 'Forest', 'Spring', 'Valley', 'Mill',
  'Chestnut', 'Walnut', 'Franklin', 'Madison', 'Adams', 'Cherry', 'Hickory',
];

export const STREET_SUFFIXES = ['St', 'Ave', 'Rd', 'Blvd', 'Ln', 'Dr', 'Ct', 'Way', 'Pl'];

export const EMAIL_DOMAINS: readonly { item: string; weight: number }[] = [
  { item: 'gmail.example', weight: 35 },
  { item: 'yahoo.example', weight: 14 },
  { item: 'outlook.example', weight: 14 },
  { item: 'icloud.example', weight: 10 },
  { item: 'hotmail.example', weight: 6 },
  { item: 'aol.example', weight: 3 },
  { item: 'comcast.example', weight: 3 },
  { item: 'proton.example', weight: 3 },
  { item: 'stateu.edu.example', weight: 4 },
  { item: 'acme-corp.example', weight: 8 },
];

export const CASE_SUBJECTS = [
  'Order arrived damaged', 'Where is my package?', 'Return label request', 'Wrong size shipped',
  'Loyalty points missing', 'Cannot log in to rewards account', 'Refund not received', 'Change shipping address',
  'Product question', 'Cancel my order',
];

export const HEALTH_NOTES = [
  'Latex allergy - ship gloves-free packaging',
  'Customer is diabetic; asked about compression socks for neuropathy',
  'Post-surgery recovery, needs orthopedic footwear (knee replacement)',
  'Pregnant - asked for maternity sizing',
  'Asthma; requested fragrance-free products',
];

export const SECURITY_QUESTIONS = [
  "What was your first pet's name?",
  "What is your mother's maiden name?",
  'What city were you born in?',
];

export const SECURITY_ANSWERS = ['Biscuit', 'Rover', 'Whiskers', 'Hernandez', 'Springfield', 'Toledo', 'Shadow'];

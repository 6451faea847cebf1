/**
 * US states, DC and Puerto Rico with 2020-census populations (thousands), ZIP3 ranges that belong only to that
 * state (so a ZIP alone decides the state), a few cities and area codes.
 */
export interface UsState {
  code: string;
  name: string;
  population: number;
  zip3: readonly (readonly [number, number])[];
  cities: readonly string[];
  areaCodes: readonly string[];
}

const s = (
  code: string,
  name: string,
  population: number,
  zip3: [number, number][],
  cities: string[],
  areaCodes: string[],
): UsState => ({ code, name, population, zip3, cities, areaCodes });

export const US_STATES: readonly UsState[] = [
  s('AL', 'Alabama', 5024, [[350, 369]], ['Birmingham', 'Montgomery', 'Huntsville'], ['205', '256', '334']),
  s('AK', 'Alaska', 733, [[995, 999]], ['Anchorage', 'Fairbanks'], ['907']),
  s('AZ', 'Arizona', 7152, [[850, 857]], ['Phoenix', 'Tucson', 'Mesa'], ['602', '480', '520']),
  s('AR', 'Arkansas', 3012, [[716, 729]], ['Little Rock', 'Fayetteville'], ['501', '479']),
  s('CA', 'California', 39538, [[900, 961]], ['Los Angeles', 'San Diego', 'San Jose', 'Fresno', 'Oakland'], ['213', '415', '619', '408', '559']),
  s('CO', 'Colorado', 5774, [[800, 816]], ['Denver', 'Colorado Springs', 'Boulder'], ['303', '719', '720']),
  s('CT', 'Connecticut', 3606, [[60, 69]], ['Hartford', 'New Haven', 'Stamford'], ['203', '860']),
  s('DE', 'Delaware', 990, [[197, 199]], ['Wilmington', 'Dover'], ['302']),
  s('DC', 'District of Columbia', 690, [[200, 200], [202, 205]], ['Washington'], ['202']),
  s('FL', 'Florida', 21538, [[320, 339]], ['Miami', 'Orlando', 'Tampa', 'Jacksonville'], ['305', '407', '813', '904']),
  s('GA', 'Georgia', 10712, [[300, 319]], ['Atlanta', 'Savannah', 'Augusta'], ['404', '912', '706']),
  s('HI', 'Hawaii', 1455, [[967, 968]], ['Honolulu', 'Hilo'], ['808']),
  s('ID', 'Idaho', 1839, [[832, 838]], ['Boise', 'Idaho Falls'], ['208']),
  s('IL', 'Illinois', 12812, [[600, 629]], ['Chicago', 'Springfield', 'Peoria'], ['312', '217', '309']),
  s('IN', 'Indiana', 6786, [[460, 479]], ['Indianapolis', 'Fort Wayne'], ['317', '260']),
  s('IA', 'Iowa', 3190, [[500, 528]], ['Des Moines', 'Cedar Rapids'], ['515', '319']),
  s('KS', 'Kansas', 2938, [[660, 679]], ['Wichita', 'Topeka'], ['316', '785']),
  s('KY', 'Kentucky', 4506, [[400, 427]], ['Louisville', 'Lexington'], ['502', '859']),
  s('LA', 'Louisiana', 4658, [[700, 714]], ['New Orleans', 'Baton Rouge'], ['504', '225']),
  s('ME', 'Maine', 1362, [[39, 49]], ['Portland', 'Bangor'], ['207']),
  s('MD', 'Maryland', 6177, [[206, 219]], ['Baltimore', 'Annapolis', 'Rockville'], ['410', '301']),
  s('MA', 'Massachusetts', 7030, [[10, 27]], ['Boston', 'Worcester', 'Springfield'], ['617', '508', '413']),
  s('MI', 'Michigan', 10077, [[480, 499]], ['Detroit', 'Grand Rapids', 'Lansing'], ['313', '616', '517']),
  s('MN', 'Minnesota', 5706, [[550, 567]], ['Minneapolis', 'Saint Paul', 'Duluth'], ['612', '651', '218']),
  s('MS', 'Mississippi', 2961, [[386, 397]], ['Jackson', 'Gulfport'], ['601', '228']),
  s('MO', 'Missouri', 6155, [[630, 658]], ['Kansas City', 'Saint Louis', 'Springfield'], ['816', '314', '417']),
  s('MT', 'Montana', 1084, [[590, 599]], ['Billings', 'Missoula'], ['406']),
  s('NE', 'Nebraska', 1962, [[680, 693]], ['Omaha', 'Lincoln'], ['402']),
  s('NV', 'Nevada', 3105, [[889, 898]], ['Las Vegas', 'Reno'], ['702', '775']),
  s('NH', 'New Hampshire', 1377, [[30, 38]], ['Manchester', 'Concord'], ['603']),
  s('NJ', 'New Jersey', 9289, [[70, 89]], ['Newark', 'Jersey City', 'Trenton'], ['201', '973', '609']),
  s('NM', 'New Mexico', 2118, [[870, 884]], ['Albuquerque', 'Santa Fe'], ['505']),
  s('NY', 'New York', 20201, [[100, 149]], ['New York', 'Buffalo', 'Rochester', 'Albany'], ['212', '718', '716', '518']),
  s('NC', 'North Carolina', 10439, [[270, 289]], ['Charlotte', 'Raleigh', 'Durham'], ['704', '919']),
  s('ND', 'North Dakota', 779, [[580, 588]], ['Fargo', 'Bismarck'], ['701']),
  s('OH', 'Ohio', 11799, [[430, 459]], ['Columbus', 'Cleveland', 'Cincinnati'], ['614', '216', '513']),
  s('OK', 'Oklahoma', 3959, [[734, 749]], ['Oklahoma City', 'Tulsa'], ['405', '918']),
  s('OR', 'Oregon', 4237, [[970, 979]], ['Portland', 'Eugene', 'Salem'], ['503', '541']),
  s('PA', 'Pennsylvania', 13003, [[150, 196]], ['Philadelphia', 'Pittsburgh', 'Allentown'], ['215', '412', '610']),
  s('PR', 'Puerto Rico', 3286, [[6, 7], [9, 9]], ['San Juan', 'Bayamón', 'Ponce'], ['787', '939']),
  s('RI', 'Rhode Island', 1097, [[28, 29]], ['Providence', 'Warwick'], ['401']),
  s('SC', 'South Carolina', 5119, [[290, 299]], ['Charleston', 'Columbia'], ['843', '803']),
  s('SD', 'South Dakota', 887, [[570, 577]], ['Sioux Falls', 'Rapid City'], ['605']),
  s('TN', 'Tennessee', 6911, [[370, 385]], ['Nashville', 'Memphis', 'Knoxville'], ['615', '901', '865']),
  s('TX', 'Texas', 29146, [[750, 799]], ['Houston', 'Dallas', 'Austin', 'San Antonio'], ['713', '214', '512', '210']),
  s('UT', 'Utah', 3272, [[840, 847]], ['Salt Lake City', 'Provo'], ['801', '385']),
  s('VT', 'Vermont', 643, [[50, 54]], ['Burlington', 'Montpelier'], ['802']),
  s('VA', 'Virginia', 8631, [[220, 246]], ['Virginia Beach', 'Richmond', 'Arlington'], ['757', '804', '703']),
  s('WA', 'Washington', 7705, [[980, 994]], ['Seattle', 'Spokane', 'Tacoma'], ['206', '509', '253']),
  s('WV', 'West Virginia', 1794, [[247, 268]], ['Charleston', 'Morgantown'], ['304']),
  s('WI', 'Wisconsin', 5894, [[530, 549]], ['Milwaukee', 'Madison', 'Green Bay'], ['414', '608', '920']),
  s('WY', 'Wyoming', 577, [[820, 831]], ['Cheyenne', 'Casper'], ['307']),
];

/** Addresses outside the US, for the non-US share of customers. */
export interface ForeignRegion {
  country: string;
  countryName: string;
  provinces: readonly { code: string; city: string; postal: string }[];
}

export const FOREIGN_REGIONS: readonly ForeignRegion[] = [
  {
    country: 'CA',
    countryName: 'Canada',
    provinces: [
      { code: 'ON', city: 'Toronto', postal: 'M5V 2T6' },
      { code: 'BC', city: 'Vancouver', postal: 'V6B 1A1' },
      { code: 'QC', city: 'Montréal', postal: 'H2Y 1C6' },
    ],
  },
  { country: 'GB', countryName: 'United Kingdom', provinces: [{ code: '', city: 'London', postal: 'SW1A 2AA' }] },
  { country: 'DE', countryName: 'Germany', provinces: [{ code: 'BE', city: 'Berlin', postal: '10115' }] },
  { country: 'MX', countryName: 'Mexico', provinces: [{ code: 'JAL', city: 'Guadalajara', postal: '44100' }] },
];

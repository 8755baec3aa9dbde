/**
 * The 170 codes of Fixer's `/symbols` (2023 capture), with English names and a made-up anchor: roughly how
 * many units one EUR buys. Anchors only seed the sandbox's SYNTHETIC rates; they are not market data.
 */
export interface SandboxCurrency {
  readonly code: string;
  readonly name: string;
  readonly perEur: number;
}

const TABLE = `
AED 4.01 United Arab Emirates Dirham|AFN 94.5 Afghan Afghani|ALL 103.2 Albanian Lek|AMD 423.1 Armenian Dram
ANG 1.97 Netherlands Antillean Guilder|AOA 905.4 Angolan Kwanza|ARS 940.7 Argentine Peso|AUD 1.64 Australian Dollar
AWG 1.96 Aruban Florin|AZN 1.85 Azerbaijani Manat|BAM 1.956 Bosnia-Herzegovina Convertible Mark|BBD 2.18 Barbadian Dollar
BDT 119.8 Bangladeshi Taka|BGN 1.9558 Bulgarian Lev|BHD 0.411 Bahraini Dinar|BIF 3120.5 Burundian Franc
BMD 1.09 Bermudan Dollar|BND 1.47 Brunei Dollar|BOB 7.53 Bolivian Boliviano|BRL 5.61 Brazilian Real
BSD 1.09 Bahamian Dollar|BTC 0.0000171 Bitcoin|BTN 90.6 Bhutanese Ngultrum|BWP 14.8 Botswanan Pula
BYN 3.56 New Belarusian Ruble|BYR 21364.0 Belarusian Ruble|BZD 2.2 Belize Dollar|CAD 1.48 Canadian Dollar
CDF 3050.2 Congolese Franc|CHF 0.97 Swiss Franc|CLF 0.0365 Chilean Unit of Account (UF)|CLP 1010.3 Chilean Peso
CNY 7.86 Chinese Yuan|COP 4320.6 Colombian Peso|CRC 565.9 Costa Rican Colón|CUC 1.09 Cuban Convertible Peso
CUP 28.9 Cuban Peso|CVE 110.3 Cape Verdean Escudo|CZK 25.1 Czech Republic Koruna|DJF 194.1 Djiboutian Franc
DKK 7.46 Danish Krone|DOP 64.2 Dominican Peso|DZD 146.8 Algerian Dinar|EGP 51.6 Egyptian Pound
ERN 16.35 Eritrean Nakfa|ETB 62.7 Ethiopian Birr|EUR 1 Euro|FJD 2.45 Fijian Dollar
FKP 0.85 Falkland Islands Pound|GBP 0.855 British Pound Sterling|GEL 2.95 Georgian Lari|GGP 0.855 Guernsey Pound
GHS 16.3 Ghanaian Cedi|GIP 0.855 Gibraltar Pound|GMD 73.9 Gambian Dalasi|GNF 9380.1 Guinean Franc
GTQ 8.45 Guatemalan Quetzal|GYD 228.1 Guyanaese Dollar|HKD 8.52 Hong Kong Dollar|HNL 26.9 Honduran Lempira
HRK 7.53 Croatian Kuna|HTG 144.7 Haitian Gourde|HUF 395.2 Hungarian Forint|IDR 17650.4 Indonesian Rupiah
ILS 4.05 Israeli New Sheqel|IMP 0.855 Manx pound|INR 90.7 Indian Rupee|IQD 1428.3 Iraqi Dinar
IRR 45880.6 Iranian Rial|ISK 150.1 Icelandic Króna|JEP 0.855 Jersey Pound|JMD 170.2 Jamaican Dollar
JOD 0.773 Jordanian Dinar|JPY 157.4 Japanese Yen|KES 141.3 Kenyan Shilling|KGS 95.3 Kyrgystani Som
KHR 4470.8 Cambodian Riel|KMF 491.9 Comorian Franc|KPW 981.0 North Korean Won|KRW 1490.5 South Korean Won
KWD 0.334 Kuwaiti Dinar|KYD 0.908 Cayman Islands Dollar|KZT 487.6 Kazakhstani Tenge|LAK 23210.9 Laotian Kip
LBP 97610.3 Lebanese Pound|LKR 330.4 Sri Lankan Rupee|LRD 211.2 Liberian Dollar|LSL 19.9 Lesotho Loti
LTL 3.22 Lithuanian Litas|LVL 0.659 Latvian Lats|LYD 5.27 Libyan Dinar|MAD 10.85 Moroccan Dirham
MDL 19.3 Moldovan Leu|MGA 4870.4 Malagasy Ariary|MKD 61.5 Macedonian Denar|MMK 2288.5 Myanma Kyat
MNT 3760.2 Mongolian Tugrik|MOP 8.78 Macanese Pataca|MRO 389.1 Mauritanian Ouguiya (pre-2018)|MUR 50.4 Mauritian Rupee
MVR 16.8 Maldivian Rufiyaa|MWK 1890.6 Malawian Kwacha|MXN 19.8 Mexican Peso|MYR 5.12 Malaysian Ringgit
MZN 69.6 Mozambican Metical|NAD 19.9 Namibian Dollar|NGN 1620.3 Nigerian Naira|NIO 40.1 Nicaraguan Córdoba
NOK 11.7 Norwegian Krone|NPR 145.1 Nepalese Rupee|NZD 1.79 New Zealand Dollar|OMR 0.42 Omani Rial
PAB 1.09 Panamanian Balboa|PEN 4.09 Peruvian Nuevo Sol|PGK 4.21 Papua New Guinean Kina|PHP 63.2 Philippine Peso
PKR 303.4 Pakistani Rupee|PLN 4.31 Polish Zloty|PYG 8210.7 Paraguayan Guarani|QAR 3.97 Qatari Rial
RON 4.97 Romanian Leu|RSD 117.1 Serbian Dinar|RUB 96.3 Russian Ruble|RWF 1420.8 Rwandan Franc
SAR 4.09 Saudi Riyal|SBD 9.24 Solomon Islands Dollar|SCR 14.9 Seychellois Rupee|SDG 655.2 Sudanese Pound
SEK 11.5 Swedish Krona|SGD 1.47 Singapore Dollar|SHP 0.855 Saint Helena Pound|SLE 24.5 Sierra Leonean Leone
SLL 22850.1 Sierra Leonean Leone (old)|SOS 623.4 Somali Shilling|SRD 33.8 Surinamese Dollar|STD 22580.3 São Tomé and Príncipe Dobra (pre-2018)
SVC 9.54 Salvadoran Colón|SYP 14170.5 Syrian Pound|SZL 19.9 Swazi Lilangeni|THB 39.6 Thai Baht
TJS 11.7 Tajikistani Somoni|TMT 3.82 Turkmenistani Manat|TND 3.38 Tunisian Dinar|TOP 2.56 Tongan Paʻanga
TRY 35.4 Turkish Lira|TTD 7.4 Trinidad and Tobago Dollar|TWD 35.2 New Taiwan Dollar|TZS 2860.4 Tanzanian Shilling
UAH 44.6 Ukrainian Hryvnia|UGX 4080.2 Ugandan Shilling|USD 1.09 United States Dollar|UYU 43.7 Uruguayan Peso
UZS 13760.9 Uzbekistan Som|VEF 2748542.5 Venezuelan Bolívar Fuerte|VES 39.8 Venezuelan Bolívar Soberano|VND 27650.2 Vietnamese Dong
VUV 129.4 Vanuatu Vatu|WST 2.98 Samoan Tala|XAF 655.957 CFA Franc BEAC|XAG 0.0372 Silver (troy ounce)
XAU 0.000465 Gold (troy ounce)|XCD 2.95 East Caribbean Dollar|XDR 0.823 Special Drawing Rights|XOF 655.957 CFA Franc BCEAO
XPF 119.33 CFP Franc|YER 272.6 Yemeni Rial|ZAR 19.9 South African Rand|ZMK 9811.4 Zambian Kwacha (pre-2013)
ZMW 28.7 Zambian Kwacha|ZWL 350.9 Zimbabwean Dollar`;

export const SANDBOX_CURRENCIES: readonly SandboxCurrency[] = TABLE.trim()
  .split(/\||\n/)
  .map((entry) => {
    const m = /^\s*([A-Z]{3}) (\S+) (.+?)\s*$/.exec(entry);
    if (!m) throw new Error(`bad currency table entry: ${entry}`);
    return { code: m[1]!, perEur: Number(m[2]), name: m[3]! };
  });

export const CURRENCY_BY_CODE: ReadonlyMap<string, SandboxCurrency> = new Map(
  SANDBOX_CURRENCIES.map((c) => [c.code, c]),
);

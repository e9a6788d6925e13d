/** Radio telegram types (R-ORG) of ERP1; ERP2 header codes are mapped onto the same values. */
export const Rorg = {
  RPS: 0xf6,
  BS1: 0xd5,
  BS4: 0xa5,
  VLD: 0xd2,
  MSC: 0xd1,
  ADT: 0xa6,
  SM_LRN_REQ: 0xc6,
  SM_LRN_ANS: 0xc7,
  SM_REC: 0xa7,
  SYS_EX: 0xc5,
  SIGNAL: 0xd0,
  UTE: 0xd4,
  SEC: 0x30,
  SEC_R: 0x31,
  SEC_D: 0x32,
  SEC_CDM: 0x33,
  SEC_MAN: 0x34,
  SEC_TI: 0x35,
  CDM: 0x40,
  GP_TI: 0xb0,
  GP_TR: 0xb1,
  GP_CD: 0xb2,
  GP_SD: 0xb3,
} as const;

const NAMES = new Map<number, string>([
  [Rorg.RPS, "RPS"],
  [Rorg.BS1, "1BS"],
  [Rorg.BS4, "4BS"],
  [Rorg.VLD, "VLD"],
  [Rorg.MSC, "MSC"],
  [Rorg.ADT, "ADT"],
  [Rorg.SM_LRN_REQ, "SM_LRN_REQ"],
  [Rorg.SM_LRN_ANS, "SM_LRN_ANS"],
  [Rorg.SM_REC, "SM_REC"],
  [Rorg.SYS_EX, "SYS_EX"],
  [Rorg.SIGNAL, "SIGNAL"],
  [Rorg.UTE, "UTE"],
  [Rorg.SEC, "SEC"],
  [Rorg.SEC_R, "SEC_R"],
  [Rorg.SEC_D, "SEC_D"],
  [Rorg.SEC_CDM, "SEC_CDM"],
  [Rorg.SEC_MAN, "SEC_MAN"],
  [Rorg.SEC_TI, "SEC_TI"],
  [Rorg.CDM, "CDM"],
  [Rorg.GP_TI, "GP_TI"],
  [Rorg.GP_TR, "GP_TR"],
  [Rorg.GP_CD, "GP_CD"],
  [Rorg.GP_SD, "GP_SD"],
]);

export function rorgName(rorg: number): string {
  return NAMES.get(rorg) ?? `0x${rorg.toString(16).padStart(2, "0").toUpperCase()}`;
}

/** R-ORGs that carry EEP data and have an EEP family of the same code. */
export function isEepRorg(rorg: number): boolean {
  return rorg === Rorg.RPS || rorg === Rorg.BS1 || rorg === Rorg.BS4 || rorg === Rorg.VLD;
}

/** A kind of sensor the simulator fields: its profile, how often it reports and how common it is
 * in a typical office building. */
export interface SensorKind {
  eep: string;
  /** relative share of the fleet */
  weight: number;
  /** reporting interval range in seconds (the device picks one and keeps it) */
  intervalS: readonly [number, number];
  /** a switch sends press/release pairs when someone uses it, not periodic readings */
  switch?: boolean;
}

/** Room sensors dominate; meters, multisensors and switches make up the rest. Intervals follow
 * the devices' data sheets (energy-harvesting room sensors report every 100-1000 s, contacts on
 * change plus a heartbeat every 15-20 min). */
export const OFFICE_MIX: readonly SensorKind[] = [
  { eep: "A5-02-05", weight: 18, intervalS: [100, 900] },
  { eep: "A5-04-01", weight: 14, intervalS: [100, 900] },
  { eep: "A5-07-01", weight: 10, intervalS: [60, 600] },
  { eep: "A5-08-01", weight: 5, intervalS: [100, 600] },
  { eep: "A5-06-02", weight: 4, intervalS: [100, 600] },
  { eep: "A5-09-04", weight: 5, intervalS: [60, 300] },
  { eep: "A5-09-09", weight: 4, intervalS: [60, 300] },
  { eep: "A5-10-06", weight: 4, intervalS: [100, 900] },
  { eep: "A5-12-01", weight: 3, intervalS: [60, 300] },
  { eep: "D5-00-01", weight: 10, intervalS: [900, 1200] },
  { eep: "F6-02-01", weight: 8, intervalS: [300, 3600], switch: true },
  { eep: "D2-14-41", weight: 10, intervalS: [60, 600] },
  { eep: "D2-32-00", weight: 3, intervalS: [60, 300] },
  { eep: "D2-01-12", weight: 2, intervalS: [300, 900] },
];

/** Profiles that stay within one ERP1 telegram when secured (SEC_R adds 7 bytes): secure sensors
 * are drawn from these, except where chaining is wanted. */
export const SECURE_MIX: readonly SensorKind[] = OFFICE_MIX.filter((k) => k.eep.startsWith("A5-") || k.eep === "D5-00-01");

/** A decoded message as the decode worker queues it for delivery (IoTC output format), with a
 * sequence number as its temperature so tests can check order. */
export interface TestDeliveryMessage {
  telegramId: string;
  sourceEurid: string;
  eep: string;
  friendlyId: string;
  location: string;
  tags: string[];
  message: Record<string, unknown>;
}

export function deliveryMessage(sourceEurid: string, seq: number, options: { tags?: string[] } = {}): TestDeliveryMessage {
  const at = 1_700_000_000 + seq;
  return {
    telegramId: `${sourceEurid}-${seq}`,
    sourceEurid,
    eep: "A5-02-05",
    friendlyId: `sensor ${sourceEurid}`,
    location: "Lab",
    tags: options.tags ?? [],
    message: {
      sensor: { friendlyId: `sensor ${sourceEurid}`, id: sourceEurid, location: "Lab" },
      telemetry: { data: [{ key: "temperature", value: seq, unit: "°C" }], signal: [], meta: { security: [], sensorHealth: [], stats: [] } },
      raw: { data: "a5000000", sender: sourceEurid, status: "00", subTelNum: 0, destination: "ffffffff", rssi: 60, securityLevel: 0, timestamp: `${at}.000` },
    },
  };
}

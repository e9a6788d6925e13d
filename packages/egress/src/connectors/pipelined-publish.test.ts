import { describe, expect, it } from "vitest";
import { publishPipelined } from "./pipelined-publish";

/** A publish whose acknowledgements the test gives, recording what was sent. */
function gatedPublish() {
  const sent: number[] = [];
  const acks: { resolve: () => void; reject: (err: Error) => void }[] = [];
  const publish = (n: number) =>
    new Promise<void>((resolve, reject) => {
      sent.push(n);
      acks.push({ resolve, reject });
    });
  return { publish, sent, acks };
}

const tick = () => new Promise((r) => setTimeout(r, 1));

describe("publishPipelined", () => {
  it("sends up to the window before any acknowledgement, in order, and resolves when all are acknowledged", async () => {
    const { publish, sent, acks } = gatedPublish();
    let done = false;
    const all = publishPipelined([1, 2, 3, 4, 5], publish, 3).then(() => (done = true));
    await tick();
    expect(sent).toEqual([1, 2, 3]);
    acks[0]!.resolve();
    await tick();
    expect(sent).toEqual([1, 2, 3, 4]);
    for (const ack of acks.slice(1)) ack.resolve();
    await tick();
    for (const ack of acks.slice(4)) ack.resolve();
    await all;
    expect(done).toBe(true);
    expect(sent).toEqual([1, 2, 3, 4, 5]);
  });

  it("sends nothing more after a failure, and rejects with it once the publishes in flight settle", async () => {
    const { publish, sent, acks } = gatedPublish();
    const all = publishPipelined([1, 2, 3, 4, 5, 6], publish, 2);
    all.catch(() => undefined);
    await tick();
    acks[0]!.reject(new Error("no PUBACK"));
    await tick();
    let settled = false;
    void all.catch(() => (settled = true));
    await tick();
    expect(settled).toBe(false); // message 2 is still in flight
    acks[1]!.resolve();
    await expect(all).rejects.toThrow("no PUBACK");
    expect(sent).toEqual([1, 2]);
  });
});

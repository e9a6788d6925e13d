import { X509Certificate } from "node:crypto";
import type { TLSSocket } from "node:tls";
import { Aedes, type Client } from "aedes";
import { listenAedes, refuse } from "../aedes-server";
import type { EmulatedEndpoint, MessageRouter } from "./message-router";

// agrirouter's MQTT endpoint (reference agrirouter.md §4): MQTT 3.1.1 over TLS with the client
// certificate issued at onboarding and no user name or password; client id = the onboarded
// clientId; an endpoint publishes on its measures topic only and subscribes to its commands topic
// only. Publishes are not acknowledged by agrirouter beyond MQTT; results come on the commands
// topic.

export class MessagingBroker {
  /** fixed after the first start, so onboarding answers stay valid across restarts */
  port = 0;
  /** refuse every connection with "server unavailable" */
  unavailable = false;
  readonly refusals: string[] = [];
  private aedes?: Aedes;
  private server?: { close: () => Promise<void> };
  private readonly sessions = new WeakMap<Client, EmulatedEndpoint>();

  constructor(
    private readonly endpoints: Map<string, EmulatedEndpoint>,
    private readonly router: MessageRouter,
    private readonly tls: { key: string; cert: string; ca: string },
  ) {}

  get running(): boolean {
    return this.server !== undefined;
  }

  private createBroker(): Aedes {
    const aedes = new Aedes();
    aedes.authenticate = (client, _username, _password, done) => {
      const fail = (why: string, code: number) => {
        this.refusals.push(why);
        refuse(done, code, why);
      };
      if (this.unavailable) return fail("unavailable", 3);
      const endpoint = this.endpoints.get(client.id);
      if (!endpoint) return fail(`unknown client id ${client.id}`, 2);
      const peer = (client.conn as unknown as TLSSocket).getPeerX509Certificate?.();
      if (!peer || new X509Certificate(peer.raw).fingerprint256 !== endpoint.certificateFingerprint256) return fail("client certificate is not the endpoint's", 5);
      this.sessions.set(client, endpoint);
      done(null, true);
    };
    aedes.authorizeSubscribe = (client, sub, done) => {
      const endpoint = client ? this.sessions.get(client) : undefined;
      if (!endpoint || sub.topic !== `commands/${endpoint.deviceAlternateId}`) return done(null, null);
      done(null, { ...sub, qos: Math.min(sub.qos, 1) as 0 | 1 });
    };
    aedes.authorizePublish = (client, packet, done) => {
      const endpoint = client ? this.sessions.get(client) : undefined;
      if (!client) return done(null); // the emulator's own answers
      if (!endpoint || packet.topic !== `measures/${endpoint.deviceAlternateId}`) return done(new Error("topic not allowed"));
      done(null);
      const answers = this.router.handle(endpoint, packet.payload as Buffer);
      for (const answer of answers)
        aedes.publish({ cmd: "publish", topic: `commands/${endpoint.deviceAlternateId}`, payload: Buffer.from(answer), qos: 1, retain: false, dup: false }, () => {});
    };
    return aedes;
  }

  async start(): Promise<void> {
    if (this.server) return;
    this.aedes = this.createBroker();
    const listening = await listenAedes(
      this.aedes,
      { key: this.tls.key, cert: this.tls.cert, ca: [this.tls.ca], requestCert: true, rejectUnauthorized: true },
      this.port || undefined,
    );
    this.port = listening.port;
    this.server = listening;
  }

  /** Stops the broker; connected endpoints lose their connection. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    await server?.close();
  }
}

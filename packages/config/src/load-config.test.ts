import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./index";

describe("loadConfig", () => {
  it("works on one machine with nothing set", () => {
    const config = loadConfig({ env: {} });
    expect(config.DATABASE_URL).toBe("postgresql://postgres@127.0.0.1:5432/tidewire");
    expect(config.REDIS_URL).toBe("redis://127.0.0.1:6379");
    expect(config.WEB_PORT).toBe(3000);
    expect(config.INGEST_PORT).toBe(8080);
    expect(config.BROKER_PORT).toBe(1884);
    expect(config.ROLES).toEqual(["ingest", "worker", "broker"]);
  });

  it("publishes an IoTC environment's MQTT telemetry on IoTC's own topic", () => {
    expect(loadConfig({ env: {} }).IOTC_MQTT_TOPIC).toBe("sensor/{sourceEurid}/telemetry");
  });

  it("names the variable and what it expects when a value is wrong", () => {
    expect(() => loadConfig({ env: { DATABASE_URL: "mysql://x/y" } })).toThrowError(
      /DATABASE_URL: expected a URL starting with postgresql:\/\/ or postgres:\/\/ \(got "mysql:\/\/x\/y"\)/,
    );
    expect(() => loadConfig({ env: { WEB_PORT: "http" } })).toThrowError(/WEB_PORT/);
    expect(() => loadConfig({ env: { ROLES: "ingest,teapot" } })).toThrowError(/ROLES/);
  });

  it("reports every problem at once", () => {
    try {
      loadConfig({ env: { WEB_PORT: "0", REDIS_URL: "nope" } });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const variables = (error as ConfigError).problems.map((p) => p.variable).sort();
      expect(variables).toEqual(["REDIS_URL", "WEB_PORT"]);
    }
  });

  it("refuses to start without a secret the process requires", () => {
    expect(() => loadConfig({ env: {}, require: ["TIDEWIRE_MASTER_KEY"] })).toThrowError(
      /TIDEWIRE_MASTER_KEY: required: 32 random bytes, base64-encoded.*\(not set\)/,
    );
    expect(() =>
      loadConfig({ env: { TIDEWIRE_MASTER_KEY: "c2hvcnQ=" }, require: ["TIDEWIRE_MASTER_KEY"] }),
    ).toThrowError(/TIDEWIRE_MASTER_KEY: expected 32 random bytes/);
    const key = Buffer.alloc(32, 7).toString("base64");
    expect(
      loadConfig({ env: { TIDEWIRE_MASTER_KEY: key }, require: ["TIDEWIRE_MASTER_KEY"] })
        .TIDEWIRE_MASTER_KEY,
    ).toBe(key);
  });

  it("wants the built-in broker's TLS certificate and key together", () => {
    expect(() => loadConfig({ env: { BROKER_TLS_CERT: "/certs/broker.crt" } })).toThrowError(/BROKER_TLS_KEY: expected BROKER_TLS_CERT and BROKER_TLS_KEY together/);
    expect(loadConfig({ env: { BROKER_TLS_CERT: "/certs/broker.crt", BROKER_TLS_KEY: "/certs/broker.key" } }).BROKER_TLS_KEY).toBe("/certs/broker.key");
  });

  it("treats empty values as unset, as docker-compose writes them", () => {
    expect(loadConfig({ env: { WEB_PORT: "" } }).WEB_PORT).toBe(3000);
  });
});

describe("gateway endpoint settings", () => {
  it("default to a 300 ms duplicate window with 40 ms of reception gathering, no TLS", () => {
    const config = loadConfig({ env: {} });
    expect(config.DEDUP_WINDOW_MS).toBe(300);
    expect(config.DEDUP_GATHER_MS).toBe(40);
    expect(config.INGEST_TLS_CERT).toBeUndefined();
    expect(config.INGEST_MAX_MESSAGE_BYTES).toBe(65536);
  });

  it("want a TLS certificate and its key together", () => {
    expect(() => loadConfig({ env: { INGEST_TLS_CERT: "/etc/tw/cert.pem" } })).toThrowError(/INGEST_TLS_KEY: the certificate and its key go together/);
    expect(() => loadConfig({ env: { INGEST_TLS_CA: "/etc/tw/ca.pem" } })).toThrowError(/INGEST_TLS_CA: client certificates need TLS/);
    expect(loadConfig({ env: { INGEST_TLS_CERT: "/c.pem", INGEST_TLS_KEY: "/k.pem" } }).INGEST_TLS_KEY).toBe("/k.pem");
  });

  it("refuse a duplicate window that does not outlast the gathering", () => {
    expect(() => loadConfig({ env: { DEDUP_WINDOW_MS: "100", DEDUP_GATHER_MS: "50" } })).toThrowError(/DEDUP_WINDOW_MS: at least DEDUP_GATHER_MS \+ 100 \(150\)/);
  });
});

describe("loadConfig: license keys, sign-on, mail and API limits", () => {
  it("leaves single sign-on and SMTP off unless configured, and names a wrong SMTP URL", () => {
    const config = loadConfig({ env: {} });
    expect(config.OIDC_ISSUER).toBeUndefined();
    expect(config.SMTP_URL).toBeUndefined();
    expect(config.MAIL_OUTBOX_DIR).toBe(".tidewire/outbox");
    expect(config.API_RATE_LIMIT_PER_SECOND).toBe(20);
    expect(config.API_RATE_LIMIT_PER_MINUTE).toBe(600);
    expect(() => loadConfig({ env: { SMTP_URL: "http://mail" } })).toThrowError(/SMTP_URL: expected a URL starting with smtp:\/\/ or smtps:\/\//);
  });

  it("refuses to start a process that needs the license signing key without it", () => {
    expect(() => loadConfig({ env: {}, require: ["LICENSE_SIGNING_KEY"] })).toThrowError(
      /LICENSE_SIGNING_KEY: required: the platform's Ed25519 private key/,
    );
  });
});

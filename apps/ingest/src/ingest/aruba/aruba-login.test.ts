import { describe, expect, it } from "vitest";
import { parseArubaLogin } from "./aruba-login";

const json = { "content-type": "application/json" };

describe("parseArubaLogin", () => {
  it("reads username and password from JSON, and the client id when the access point sends one", () => {
    expect(parseArubaLogin(JSON.stringify({ username: "u", password: "p", client_id: "1111" }), json)).toEqual({
      ok: true,
      login: { username: "u", password: "p", clientId: "1111" },
    });
  });

  it("accepts the spellings seen in Aruba integrations", () => {
    for (const body of [{ user: "u", pass: "p" }, { userName: "u", passwd: "p" }, { client_id: "u", client_secret: "p" }, { clientID: "u", clientSecret: "p" }]) {
      const parsed = parseArubaLogin(JSON.stringify(body), json);
      expect(parsed.ok && parsed.login.username === "u" && parsed.login.password === "p", JSON.stringify(body)).toBe(true);
    }
  });

  it("accepts a form-encoded body and HTTP Basic credentials", () => {
    expect(parseArubaLogin("username=u&password=p", { "content-type": "application/x-www-form-urlencoded" })).toMatchObject({ ok: true, login: { username: "u", password: "p" } });
    expect(parseArubaLogin("", { authorization: `Basic ${Buffer.from("u:p:with:colons").toString("base64")}` })).toMatchObject({ ok: true, login: { username: "u", password: "p:with:colons" } });
  });

  it("says NOT_JSON for a body that is not JSON, and MISSING_CREDENTIALS when they are not there", () => {
    expect(parseArubaLogin("username=u&password=p", { "content-type": "text/plain" })).toEqual({ ok: false, code: "NOT_JSON" });
    expect(parseArubaLogin("[1,2]", json)).toEqual({ ok: false, code: "NOT_JSON" });
    expect(parseArubaLogin(JSON.stringify({ username: "u" }), json)).toEqual({ ok: false, code: "MISSING_CREDENTIALS" });
    expect(parseArubaLogin(JSON.stringify({ username: "u", password: "x".repeat(300) }), json)).toEqual({ ok: false, code: "MISSING_CREDENTIALS" });
  });
});

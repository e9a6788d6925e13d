import { parseTargetSettings, type EgressKind } from "../kinds/index";
import { AgrirouterConnector } from "./agrirouter-connector";
import { AzureIotHubConnector } from "./azure-iot-hub-connector";
import { BuiltinBrokerConnector } from "./builtin-broker-connector";
import type { ConnectorContext, EgressConnector } from "./connector";
import { EnosConnector } from "./enos-connector";
import { MqttConnector } from "./mqtt-connector";

/** The connector of a target kind, from its settings (validated here; secrets opened). */
export function createConnector(kind: EgressKind, config: unknown, secrets: unknown, ctx: ConnectorContext): EgressConnector {
  switch (kind) {
    case "BUILTIN_MQTT": {
      const s = parseTargetSettings(kind, config, secrets);
      return new BuiltinBrokerConnector(ctx, s.config);
    }
    case "MQTT": {
      const s = parseTargetSettings(kind, config, secrets);
      return new MqttConnector(ctx, s.config, s.secrets);
    }
    case "AZURE_IOT_HUB": {
      const s = parseTargetSettings(kind, config, secrets);
      return new AzureIotHubConnector(ctx, s.config, s.secrets);
    }
    case "ENOS": {
      const s = parseTargetSettings(kind, config, secrets);
      return new EnosConnector(ctx, s.config, s.secrets);
    }
    case "AGRIROUTER": {
      const s = parseTargetSettings(kind, config, secrets);
      return new AgrirouterConnector(ctx, s.config, s.secrets);
    }
  }
}

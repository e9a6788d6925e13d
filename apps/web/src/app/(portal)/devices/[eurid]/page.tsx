import { DeviceView } from "./device-view";

export const dynamic = "force-dynamic";

export default async function DevicePage({ params }: { params: Promise<{ eurid: string }> }) {
  const { eurid } = await params;
  return <DeviceView eurid={eurid.toLowerCase()} />;
}

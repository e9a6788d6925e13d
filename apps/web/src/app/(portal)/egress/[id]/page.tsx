import { TargetView } from "./target-view";

export const dynamic = "force-dynamic";

export default async function TargetPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <TargetView id={id} />;
}

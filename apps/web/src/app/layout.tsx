import type { Metadata } from "next";
import type { ReactNode } from "react";
import "@tidewire/ui/styles.css";
import "./portal.css";
import { TRPCReactProvider } from "@/trpc/client";

export const metadata: Metadata = {
  title: "Tidewire",
  description: "EnOcean sensors, delivered: the multi-tenant connector portal",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <TRPCReactProvider>{children}</TRPCReactProvider>
      </body>
    </html>
  );
}

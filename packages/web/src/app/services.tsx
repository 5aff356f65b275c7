import { createContext, type ReactNode, useContext, useSyncExternalStore } from "react";
import type { ApiClient } from "../api/api-client.js";
import type { AuthClient, Session } from "../features/auth/auth-client.js";
import type { UploadLimits } from "../features/upload/upload-limits.js";

/** What screens need from outside React, made once in `main.tsx` (tests render with their own). */
export interface Services {
  api: ApiClient;
  auth: AuthClient;
  limits: UploadLimits;
}

const ServicesContext = createContext<Services | null>(null);

export function ServicesProvider({ services, children }: { services: Services; children: ReactNode }) {
  return <ServicesContext.Provider value={services}>{children}</ServicesContext.Provider>;
}

export function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) throw new Error("useServices needs a <ServicesProvider>");
  return services;
}

/** The signed-in session, re-rendering on sign-in, refresh and sign-out. */
export function useSession(): Session | null {
  const { auth } = useServices();
  return useSyncExternalStore(
    (listener) => auth.subscribe(listener),
    () => auth.session(),
  );
}

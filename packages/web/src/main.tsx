import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/app.js";
import { createServices } from "./app/create-services.js";
import { loadRuntimeConfig } from "./app/runtime-config.js";
import { ServicesProvider } from "./app/services.js";
import "./app/styles.css";
import "./features/events/manage.css";

// Same origin by default (the embedded host serves both); a static deployment names its API in
// `/config.json` (or, at build time, `VITE_SHOEBOX_API_URL`).
const services = await createServices(await loadRuntimeConfig(), {
  defaultApiBaseUrl: import.meta.env.VITE_SHOEBOX_API_URL ?? "/api",
  storage: window.localStorage,
});

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <ServicesProvider services={services}>
      <App />
    </ServicesProvider>
  </StrictMode>,
);

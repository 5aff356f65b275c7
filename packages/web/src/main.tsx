import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { ApiClient } from "./api/api-client.js";
import { App } from "./app/app.js";
import { type Services, ServicesProvider } from "./app/services.js";
import "./app/styles.css";
import { EmbeddedAuthClient } from "./features/auth/embedded-auth-client.js";
import { defaultUploadLimits } from "./features/upload/upload-limits.js";

// Same origin by default (the embedded host serves both); a static deployment points at its API.
const http = { baseUrl: import.meta.env.VITE_SHOEBOX_API_URL ?? "/api" };
const auth = new EmbeddedAuthClient({ http, storage: window.localStorage });
const services: Services = { api: new ApiClient(http, auth), auth, limits: defaultUploadLimits };

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <ServicesProvider services={services}>
      <App />
    </ServicesProvider>
  </StrictMode>,
);

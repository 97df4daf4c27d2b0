import "@mantine/core/styles.css";
import "@mantine/notifications/styles.css";
import "./app/global.css";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/app.component.tsx";
import { initI18n } from "./app/i18n/i18n.ts";
import { registerServiceWorker } from "./app/service-worker.ts";

const container = document.getElementById("root");
if (!container) throw new Error("#root is missing from index.html");

registerServiceWorker();

void initI18n().then(() => {
  createRoot(container).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});

process.on("SIGINT", () => process.exit(0));
await import("./ticket-host.js");

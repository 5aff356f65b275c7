import { describe, expect, it } from "vitest";
import { matchRoute, paths } from "./routes.js";

describe("matchRoute", () => {
  it.each([
    ["/", { name: "events" }],
    ["/events", { name: "events" }],
    ["/events/e1", { name: "event", eventId: "e1", tab: "photos" }],
    ["/events/e1/people", { name: "event", eventId: "e1", tab: "people" }],
    ["/join/K7PQ-M2XD", { name: "join", inviteCode: "K7PQ-M2XD" }],
    ["/events/e1/card", { name: "tableCard", eventId: "e1" }],
    ["/g/tok_1", { name: "guest", token: "tok_1" }],
    ["/library", { name: "library" }],
    ["/events/e1/nonsense", { name: "notFound" }],
    ["/elsewhere", { name: "notFound" }],
  ])("maps %s to its screen", (path, route) => {
    expect(matchRoute(path)).toEqual(route);
  });

  it("round-trips the paths it builds, even with characters that need escaping", () => {
    expect(matchRoute(paths.event("a b/c", "review"))).toEqual({
      name: "event",
      eventId: "a b/c",
      tab: "review",
    });
  });
});

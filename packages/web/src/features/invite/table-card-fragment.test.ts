import { describe, expect, it } from "vitest";
import { guestLinkFromFragment } from "./table-card-page.js";

describe("guestLinkFromFragment", () => {
  const origin = "https://shoebox.example";

  it("takes a guest upload URL of this origin from the fragment", () => {
    const url = "https://shoebox.example/g/q2Vd8oS0mZ3n1pD8kQJ3W2wqA4cTQ6y8Vt9kXw2Yb0s";
    expect(guestLinkFromFragment(`#link=${encodeURIComponent(url)}`, origin)).toBe(url);
  });

  it.each([
    ["another origin", "#link=https%3A%2F%2Fevil.example%2Fg%2Fabc"],
    ["another path", "#link=https%3A%2F%2Fshoebox.example%2Fjoin%2Fabc"],
    ["a nested path", "#link=https%3A%2F%2Fshoebox.example%2Fg%2Fabc%2Fmore"],
    ["no URL", "#link=not%20a%20url"],
    ["nothing", ""],
  ])("refuses %s, so the card cannot be made to point elsewhere", (_what, hash) => {
    expect(guestLinkFromFragment(hash, origin)).toBeNull();
  });
});

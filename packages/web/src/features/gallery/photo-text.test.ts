import { describe, expect, it } from "vitest";
import { cameraName, uploaderWords } from "./photo-text.js";

describe("cameraName", () => {
  it("says the make once when the model already starts with it", () => {
    expect(cameraName({ make: "Canon", model: "Canon EOS REBEL T1i", lens: null })).toBe(
      "Canon EOS REBEL T1i",
    );
    expect(cameraName({ make: "NIKON CORPORATION", model: "NIKON D2H", lens: null })).toBe(
      "NIKON CORPORATION NIKON D2H",
    );
    expect(cameraName({ make: "Canon ", model: "canon PowerShot", lens: null })).toBe("canon PowerShot");
  });

  it("joins make and model when the model does not repeat it", () => {
    expect(cameraName({ make: "FUJIFILM", model: "X100V", lens: null })).toBe("FUJIFILM X100V");
    expect(cameraName({ make: null, model: "iPhone 15", lens: null })).toBe("iPhone 15");
    expect(cameraName({ make: "Apple", model: null, lens: null })).toBe("Apple");
    expect(cameraName(null)).toBe("");
  });
});

describe("uploaderWords", () => {
  it("names the uploader, and nothing for photos from before attribution", () => {
    expect(uploaderWords({ uploaderName: "Grandma" })).toBe("Grandma");
    expect(uploaderWords({ uploaderName: null })).toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import { ApiError, apiErrorFromBody, errorMessage } from "./api-error";

describe("apiErrorFromBody", () => {
  it("reads type, message and status from the server's error shape", () => {
    const error = apiErrorFromBody({ error: { type: "invalid_argument", message: "username must be 3 to 32 characters", status: 400 } }, 400);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.type).toBe("invalid_argument");
    expect(error.message).toBe("username must be 3 to 32 characters");
    expect(error.status).toBe(400);
  });

  it("uses the type as the message when the message is missing", () => {
    expect(apiErrorFromBody({ error: { type: "conflict" } }, 409).message).toBe("conflict");
  });

  it("does not trust a body without the error shape", () => {
    for (const body of [undefined, null, "html", { error: "x" }, { error: { message: "no type" } }, { message: "x" }]) {
      const error = apiErrorFromBody(body, 502);
      expect(error.status).toBe(502);
      expect(error.type).toBe("internal");
      expect(error.message).toContain("502");
    }
  });

  it("calls a 4xx without a body unknown, not internal", () => {
    expect(apiErrorFromBody(undefined, 418).type).toBe("unknown");
  });
});

describe("errorMessage", () => {
  it("capitalises the server's message", () => {
    expect(errorMessage(new ApiError("conflict", "this username is taken", 409))).toBe("This username is taken");
  });

  it("has a sentence for values that are not errors", () => {
    expect(errorMessage("boom")).toBe("Something went wrong.");
    expect(errorMessage(new Error("plain"))).toBe("plain");
  });
});

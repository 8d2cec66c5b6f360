// The server answers every failure as {"error": {"type", "message", "status"}}. ApiError carries
// those three fields to the UI; anything else (a proxy's HTML page, a dropped connection) is
// turned into the same shape so components only ever handle one kind of error.

export class ApiError extends Error {
  readonly type: string;
  readonly status: number;

  constructor(type: string, message: string, status: number) {
    super(message);
    this.name = "ApiError";
    this.type = type;
    this.status = status;
  }
}

export const kNetworkErrorType = "network";

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

// Reads the error shape from a failed response's parsed body; falls back to the HTTP status.
export function apiErrorFromBody(body: unknown, status: number): ApiError {
  if (body && typeof body === "object" && "error" in body) {
    const inner = (body as { error: unknown }).error;
    if (inner && typeof inner === "object") {
      const { type, message } = inner as { type?: unknown; message?: unknown };
      if (typeof type === "string") {
        return new ApiError(type, typeof message === "string" && message ? message : type, status);
      }
    }
  }
  return new ApiError(
    status >= 500 ? "internal" : "unknown",
    `The server answered HTTP ${status} without an error message.`,
    status,
  );
}

// A sentence for people: the server's message, capitalised, or a generic text for odd errors.
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    const text = error.message.trim();
    return text ? text.charAt(0).toUpperCase() + text.slice(1) : "Something went wrong.";
  }
  if (error instanceof Error && error.message) return error.message;
  return "Something went wrong.";
}

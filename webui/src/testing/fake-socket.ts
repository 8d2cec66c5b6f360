// Test helpers: stand-ins for the browser's WebSocket, for the pages that use the live channel.

// Records the frames the page sends; emit() plays a server frame.
export class FakeSocket {
  static last: FakeSocket | null = null;
  sent: unknown[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((message: { data: string }) => void) | null = null;
  onclose: (() => void) | null = null;
  onerror: (() => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.last = this;
  }
  send(text: string) {
    this.sent.push(JSON.parse(text));
  }
  close() {}
  emit(type: string, data: unknown) {
    this.onmessage?.({ data: JSON.stringify({ type, data }) });
  }
}

// The live channel is down: pages must work from REST alone.
export class NoSocket {
  constructor() {
    throw new Error("no socket here");
  }
}

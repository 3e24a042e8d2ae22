// Injected before the app's own scripts by tests/e2e/test_browser.py. It only watches
// Streamlit's websocket protocol (protobuf, see streamlit/proto): which script runs the page
// asked for (BackMsg.rerun_script), which started (ForwardMsg.new_session) and which finished
// (ForwardMsg.script_finished), and which components (json widget values) have reported.
// The DOM cannot say this: a run asked for is not shown as running until the server answers,
// and React may merge "finished early for a rerun" and "running again" into one render.
(() => {
  const FINISHED_EARLY_FOR_RERUN = 2;
  const runs = {
    seq: 0,
    lastRequest: 0,
    lastStart: 0,
    lastFinish: 0,
    componentIds: new Set(),
    // Every run asked for has started and finished, and each component whose key is named
    // (the user key ends a widget id: "$$ID-<hash>-<key>") has sent its value at least once.
    settled(keys) {
      const reported = (key) => [...this.componentIds].some((id) => id.endsWith(`-${key}`));
      return (
        keys.every(reported) && this.lastStart > this.lastRequest && this.lastFinish > this.lastStart
      );
    },
  };
  window.__e2eRuns = runs;

  const bytesOf = (data) =>
    data instanceof ArrayBuffer
      ? new Uint8Array(data)
      : ArrayBuffer.isView(data)
        ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
        : null;

  // The top-level fields of a protobuf message: [field number, value] (varint or bytes).
  function* fields(buf) {
    let pos = 0;
    const varint = () => {
      let value = 0;
      let shift = 0;
      let byte;
      do {
        byte = buf[pos++];
        value += (byte & 0x7f) * 2 ** shift;
        shift += 7;
      } while (byte & 0x80);
      return value;
    };
    while (pos < buf.length) {
      const key = varint();
      const wire = key & 7;
      const number = Math.floor(key / 8);
      if (wire === 0) yield [number, varint()];
      else if (wire === 2) {
        const length = varint();
        yield [number, buf.subarray(pos, pos + length)];
        pos += length;
      } else if (wire === 1) pos += 8;
      else if (wire === 5) pos += 4;
      else return;
    }
  }
  const field = (buf, number) => {
    for (const [n, value] of fields(buf)) if (n === number) return value;
    return undefined;
  };
  const text = (bytes) => new TextDecoder().decode(bytes);

  function sent(data) {
    const buf = bytesOf(data);
    const rerun = buf && field(buf, 11); // BackMsg.rerun_script: ClientState
    if (!rerun) return;
    runs.lastRequest = ++runs.seq;
    const states = field(rerun, 2); // ClientState.widget_states: WidgetStates
    if (!states) return;
    for (const [n, state] of fields(states)) {
      // WidgetStates.widgets: WidgetState; id = 1, json_value = 10 (what components send)
      if (n === 1 && field(state, 10) !== undefined) runs.componentIds.add(text(field(state, 1)));
    }
  }

  function received(data) {
    const buf = bytesOf(data);
    if (!buf) return;
    for (const [n, value] of fields(buf)) {
      if (n === 4) runs.lastStart = ++runs.seq; // ForwardMsg.new_session
      if (n === 6 && value !== FINISHED_EARLY_FOR_RERUN) runs.lastFinish = ++runs.seq; // script_finished
    }
  }

  const NativeWebSocket = window.WebSocket;
  window.WebSocket = class extends NativeWebSocket {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", (event) => received(event.data));
    }
    send(data) {
      sent(data);
      return super.send(data);
    }
  };
})();

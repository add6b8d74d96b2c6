// What Lambda's managed Node.js runtime does around a handler, reduced to the runtime API loop: load the handler
// module (the init phase; a failure is reported to /init/error), then long-poll /invocation/next, run the handler
// and post its result, or its error with Lambda-Runtime-Function-Error-Type.
import http from "node:http";

const [host, port] = process.env.AWS_LAMBDA_RUNTIME_API.split(":");
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function call(method, path, body, headers = {}) {
  return new Promise((resolve, reject) => {
    const request = http.request({ host, port, method, path: `/2018-06-01/runtime${path}`, agent,
      headers: body ? { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body), ...headers } : headers }, (response) => {
      const chunks = [];
      response.on("data", (chunk) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode, headers: response.headers, body: Buffer.concat(chunks).toString("utf8") }));
    });
    request.on("error", reject);
    request.end(body);
  });
}

function errorBody(err) {
  return JSON.stringify({ errorType: err.name, errorMessage: err.message });
}

let handler;
try {
  ({ handler } = await import("./handler.mjs"));
} catch (err) {
  await call("POST", "/init/error", errorBody(err), { "Lambda-Runtime-Function-Error-Type": "Runtime.ImportModuleError" });
  process.exit(1);
}

for (;;) {
  const next = await call("GET", "/invocation/next");
  const requestId = next.headers["lambda-runtime-aws-request-id"];
  if (next.status !== 200 || !requestId) {
    // The runtime API is gone or broken: Lambda's runtime exits and the environment is replaced.
    console.error(`runtime API answered ${next.status} without a request id`);
    process.exit(1);
  }
  try {
    const result = await handler(JSON.parse(next.body), { awsRequestId: requestId });
    await call("POST", `/invocation/${requestId}/response`, JSON.stringify(result));
  } catch (err) {
    await call("POST", `/invocation/${requestId}/error`, errorBody(err), { "Lambda-Runtime-Function-Error-Type": "Unhandled" });
  }
}

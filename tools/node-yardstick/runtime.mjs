// What Lambda's managed Node.js runtime does around a handler, reduced to the runtime API loop: load the handler
// module (the init phase), then long-poll /invocation/next, run the handler and post its result or error.
import http from "node:http";
import { handler } from "./handler.mjs";

const [host, port] = process.env.AWS_LAMBDA_RUNTIME_API.split(":");
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function call(method, path, body) {
  return new Promise((resolve, reject) => {
    const request = http.request({ host, port, method, path: `/2018-06-01/runtime${path}`, agent,
      headers: body ? { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) } : {} }, (response) => {
      const chunks = [];
      response.on("data", (chunk) => chunks.push(chunk));
      response.on("end", () => resolve({ headers: response.headers, body: Buffer.concat(chunks).toString("utf8") }));
    });
    request.on("error", reject);
    request.end(body);
  });
}

for (;;) {
  const next = await call("GET", "/invocation/next");
  const requestId = next.headers["lambda-runtime-aws-request-id"];
  try {
    const result = await handler(JSON.parse(next.body), { awsRequestId: requestId });
    await call("POST", `/invocation/${requestId}/response`, JSON.stringify(result));
  } catch (err) {
    await call("POST", `/invocation/${requestId}/error`, JSON.stringify({ errorType: err.name, errorMessage: err.message }));
  }
}

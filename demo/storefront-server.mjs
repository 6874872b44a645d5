/**
 * Serves the demo storefront: a static page that uses the storefront kit's browser bundle
 * (the same file a merchant can drop into any page) against the Medusa store API.
 */
import { createServer } from "node:http"
import { readFile } from "node:fs/promises"
import path from "node:path"

const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8" }

export async function startStorefrontServer({ port, root, backendUrl, publishableKey, sandboxOrigin }) {
  const pages = path.join(root, "demo", "storefront")
  const files = {
    "/": path.join(pages, "index.html"),
    "/index.html": path.join(pages, "index.html"),
    "/return.html": path.join(pages, "return.html"),
    "/app.js": path.join(pages, "app.js"),
    "/style.css": path.join(pages, "style.css"),
    "/kit.js": path.join(root, ".medusa", "server", "src", "storefront", "launcher.global.js"),
  }
  const server = createServer(async (req, res) => {
    const pathname = new URL(req.url ?? "/", "http://localhost").pathname
    if (pathname === "/config.js") {
      res.writeHead(200, { "content-type": TYPES[".js"], "cache-control": "no-store" })
      res.end(`window.DEMO_CONFIG = ${JSON.stringify({ backendUrl, publishableKey, sandboxOrigin })};\n`)
      return
    }
    const file = files[pathname]
    if (!file) {
      res.writeHead(404, { "content-type": "text/plain" })
      res.end("Not found")
      return
    }
    try {
      const body = await readFile(file)
      res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream", "cache-control": "no-store" })
      res.end(body)
    } catch {
      res.writeHead(500, { "content-type": "text/plain" })
      res.end(`Missing ${path.relative(root, file)}: run npm run build`)
    }
  })
  await new Promise((resolve, reject) => {
    server.once("error", reject)
    server.listen(port, "127.0.0.1", resolve)
  })
  return { url: `http://localhost:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) }
}

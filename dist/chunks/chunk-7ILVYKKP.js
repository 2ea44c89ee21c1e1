import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  BUILDER_KEYWORDS,
  BuilderError,
  DEFAULT_VARIANT,
  DockerError,
  OWN_BUILDER_PURPOSE,
  PRODUCT,
  ToolError,
  __commonJS,
  __require,
  __toESM,
  allowedWorkers,
  bindProblem,
  cacheBuilderPlan,
  cacheForBuilder,
  canonicalPlatform,
  chooseBuilder,
  cleanup,
  configPlatform,
  configRoot,
  createBuilderArgs,
  createDockerConfigDir,
  defaultCache,
  defaultWorker,
  describeBuilder,
  describeCache,
  endGroup,
  fence,
  getInput,
  group,
  hasCredentials,
  hasOwnImageStore,
  hasTool,
  indexMaskParts,
  info,
  isHttpUrl,
  isSupportedVersion,
  isValidBuilderName,
  isValidReference,
  isValidRegistryHost,
  isValidRepository,
  isValidTag,
  isVariant,
  isWorker,
  loginEnv,
  makePlan,
  needsCacheExport,
  notice,
  ownBuilderName,
  parseCacheInput,
  parsePlatforms,
  placeLocalFolders,
  platformSlug,
  productLabel,
  realToolRunner,
  redactUrl,
  registryHost,
  requireSecretSupport,
  require_tunnel,
  require_undici,
  samePlatform,
  setOutput,
  setSecret,
  startGroup,
  summary,
  supportedVariants,
  supportedVersions,
  supportedWorkers,
  tagBase,
  targets,
  unsupportedPlatforms,
  urlCredentials,
  warning,
  withholdFromUntrustedCode
} from "./chunk-OWX66KIZ.js";

// node_modules/@actions/github/node_modules/@actions/http-client/lib/proxy.js
var require_proxy = __commonJS({
  "node_modules/@actions/github/node_modules/@actions/http-client/lib/proxy.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.getProxyUrl = getProxyUrl;
    exports.checkBypass = checkBypass;
    function getProxyUrl(reqUrl) {
      const usingSsl = reqUrl.protocol === "https:";
      if (checkBypass(reqUrl)) {
        return void 0;
      }
      const proxyVar = (() => {
        if (usingSsl) {
          return process.env["https_proxy"] || process.env["HTTPS_PROXY"];
        } else {
          return process.env["http_proxy"] || process.env["HTTP_PROXY"];
        }
      })();
      if (proxyVar) {
        try {
          return new DecodedURL(proxyVar);
        } catch (_a) {
          if (!proxyVar.startsWith("http://") && !proxyVar.startsWith("https://"))
            return new DecodedURL(`http://${proxyVar}`);
        }
      } else {
        return void 0;
      }
    }
    function checkBypass(reqUrl) {
      if (!reqUrl.hostname) {
        return false;
      }
      const reqHost = reqUrl.hostname;
      if (isLoopbackAddress(reqHost)) {
        return true;
      }
      const noProxy = process.env["no_proxy"] || process.env["NO_PROXY"] || "";
      if (!noProxy) {
        return false;
      }
      let reqPort;
      if (reqUrl.port) {
        reqPort = Number(reqUrl.port);
      } else if (reqUrl.protocol === "http:") {
        reqPort = 80;
      } else if (reqUrl.protocol === "https:") {
        reqPort = 443;
      }
      const upperReqHosts = [reqUrl.hostname.toUpperCase()];
      if (typeof reqPort === "number") {
        upperReqHosts.push(`${upperReqHosts[0]}:${reqPort}`);
      }
      for (const upperNoProxyItem of noProxy.split(",").map((x) => x.trim().toUpperCase()).filter((x) => x)) {
        if (upperNoProxyItem === "*" || upperReqHosts.some((x) => x === upperNoProxyItem || x.endsWith(`.${upperNoProxyItem}`) || upperNoProxyItem.startsWith(".") && x.endsWith(`${upperNoProxyItem}`))) {
          return true;
        }
      }
      return false;
    }
    function isLoopbackAddress(host) {
      const hostLower = host.toLowerCase();
      return hostLower === "localhost" || hostLower.startsWith("127.") || hostLower.startsWith("[::1]") || hostLower.startsWith("[0:0:0:0:0:0:0:1]");
    }
    var DecodedURL = class extends URL {
      constructor(url, base) {
        super(url, base);
        this._decodedUsername = decodeURIComponent(super.username);
        this._decodedPassword = decodeURIComponent(super.password);
      }
      get username() {
        return this._decodedUsername;
      }
      get password() {
        return this._decodedPassword;
      }
    };
  }
});

// node_modules/@actions/github/node_modules/@actions/http-client/lib/index.js
var require_lib = __commonJS({
  "node_modules/@actions/github/node_modules/@actions/http-client/lib/index.js"(exports) {
    "use strict";
    var __createBinding = exports && exports.__createBinding || (Object.create ? (function(o, m, k, k2) {
      if (k2 === void 0) k2 = k;
      var desc = Object.getOwnPropertyDescriptor(m, k);
      if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
        desc = { enumerable: true, get: function() {
          return m[k];
        } };
      }
      Object.defineProperty(o, k2, desc);
    }) : (function(o, m, k, k2) {
      if (k2 === void 0) k2 = k;
      o[k2] = m[k];
    }));
    var __setModuleDefault = exports && exports.__setModuleDefault || (Object.create ? (function(o, v) {
      Object.defineProperty(o, "default", { enumerable: true, value: v });
    }) : function(o, v) {
      o["default"] = v;
    });
    var __importStar = exports && exports.__importStar || /* @__PURE__ */ (function() {
      var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function(o2) {
          var ar = [];
          for (var k in o2) if (Object.prototype.hasOwnProperty.call(o2, k)) ar[ar.length] = k;
          return ar;
        };
        return ownKeys(o);
      };
      return function(mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) {
          for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        }
        __setModuleDefault(result, mod);
        return result;
      };
    })();
    var __awaiter2 = exports && exports.__awaiter || function(thisArg, _arguments, P, generator) {
      function adopt(value) {
        return value instanceof P ? value : new P(function(resolve2) {
          resolve2(value);
        });
      }
      return new (P || (P = Promise))(function(resolve2, reject) {
        function fulfilled(value) {
          try {
            step(generator.next(value));
          } catch (e) {
            reject(e);
          }
        }
        function rejected(value) {
          try {
            step(generator["throw"](value));
          } catch (e) {
            reject(e);
          }
        }
        function step(result) {
          result.done ? resolve2(result.value) : adopt(result.value).then(fulfilled, rejected);
        }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
      });
    };
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.HttpClient = exports.HttpClientResponse = exports.HttpClientError = exports.MediaTypes = exports.Headers = exports.HttpCodes = void 0;
    exports.getProxyUrl = getProxyUrl;
    exports.isHttps = isHttps;
    var http2 = __importStar(__require("http"));
    var https = __importStar(__require("https"));
    var pm = __importStar(require_proxy());
    var tunnel = __importStar(require_tunnel());
    var undici_1 = require_undici();
    var HttpCodes;
    (function(HttpCodes2) {
      HttpCodes2[HttpCodes2["OK"] = 200] = "OK";
      HttpCodes2[HttpCodes2["MultipleChoices"] = 300] = "MultipleChoices";
      HttpCodes2[HttpCodes2["MovedPermanently"] = 301] = "MovedPermanently";
      HttpCodes2[HttpCodes2["ResourceMoved"] = 302] = "ResourceMoved";
      HttpCodes2[HttpCodes2["SeeOther"] = 303] = "SeeOther";
      HttpCodes2[HttpCodes2["NotModified"] = 304] = "NotModified";
      HttpCodes2[HttpCodes2["UseProxy"] = 305] = "UseProxy";
      HttpCodes2[HttpCodes2["SwitchProxy"] = 306] = "SwitchProxy";
      HttpCodes2[HttpCodes2["TemporaryRedirect"] = 307] = "TemporaryRedirect";
      HttpCodes2[HttpCodes2["PermanentRedirect"] = 308] = "PermanentRedirect";
      HttpCodes2[HttpCodes2["BadRequest"] = 400] = "BadRequest";
      HttpCodes2[HttpCodes2["Unauthorized"] = 401] = "Unauthorized";
      HttpCodes2[HttpCodes2["PaymentRequired"] = 402] = "PaymentRequired";
      HttpCodes2[HttpCodes2["Forbidden"] = 403] = "Forbidden";
      HttpCodes2[HttpCodes2["NotFound"] = 404] = "NotFound";
      HttpCodes2[HttpCodes2["MethodNotAllowed"] = 405] = "MethodNotAllowed";
      HttpCodes2[HttpCodes2["NotAcceptable"] = 406] = "NotAcceptable";
      HttpCodes2[HttpCodes2["ProxyAuthenticationRequired"] = 407] = "ProxyAuthenticationRequired";
      HttpCodes2[HttpCodes2["RequestTimeout"] = 408] = "RequestTimeout";
      HttpCodes2[HttpCodes2["Conflict"] = 409] = "Conflict";
      HttpCodes2[HttpCodes2["Gone"] = 410] = "Gone";
      HttpCodes2[HttpCodes2["TooManyRequests"] = 429] = "TooManyRequests";
      HttpCodes2[HttpCodes2["InternalServerError"] = 500] = "InternalServerError";
      HttpCodes2[HttpCodes2["NotImplemented"] = 501] = "NotImplemented";
      HttpCodes2[HttpCodes2["BadGateway"] = 502] = "BadGateway";
      HttpCodes2[HttpCodes2["ServiceUnavailable"] = 503] = "ServiceUnavailable";
      HttpCodes2[HttpCodes2["GatewayTimeout"] = 504] = "GatewayTimeout";
    })(HttpCodes || (exports.HttpCodes = HttpCodes = {}));
    var Headers;
    (function(Headers2) {
      Headers2["Accept"] = "accept";
      Headers2["ContentType"] = "content-type";
    })(Headers || (exports.Headers = Headers = {}));
    var MediaTypes;
    (function(MediaTypes2) {
      MediaTypes2["ApplicationJson"] = "application/json";
    })(MediaTypes || (exports.MediaTypes = MediaTypes = {}));
    function getProxyUrl(serverUrl) {
      const proxyUrl = pm.getProxyUrl(new URL(serverUrl));
      return proxyUrl ? proxyUrl.href : "";
    }
    var HttpRedirectCodes = [
      HttpCodes.MovedPermanently,
      HttpCodes.ResourceMoved,
      HttpCodes.SeeOther,
      HttpCodes.TemporaryRedirect,
      HttpCodes.PermanentRedirect
    ];
    var HttpResponseRetryCodes = [
      HttpCodes.BadGateway,
      HttpCodes.ServiceUnavailable,
      HttpCodes.GatewayTimeout
    ];
    var RetryableHttpVerbs = ["OPTIONS", "GET", "DELETE", "HEAD"];
    var ExponentialBackoffCeiling = 10;
    var ExponentialBackoffTimeSlice = 5;
    var HttpClientError = class _HttpClientError extends Error {
      constructor(message, statusCode) {
        super(message);
        this.name = "HttpClientError";
        this.statusCode = statusCode;
        Object.setPrototypeOf(this, _HttpClientError.prototype);
      }
    };
    exports.HttpClientError = HttpClientError;
    var HttpClientResponse = class {
      constructor(message) {
        this.message = message;
      }
      readBody() {
        return __awaiter2(this, void 0, void 0, function* () {
          return new Promise((resolve2) => __awaiter2(this, void 0, void 0, function* () {
            let output = Buffer.alloc(0);
            this.message.on("data", (chunk) => {
              output = Buffer.concat([output, chunk]);
            });
            this.message.on("end", () => {
              resolve2(output.toString());
            });
          }));
        });
      }
      readBodyBuffer() {
        return __awaiter2(this, void 0, void 0, function* () {
          return new Promise((resolve2) => __awaiter2(this, void 0, void 0, function* () {
            const chunks = [];
            this.message.on("data", (chunk) => {
              chunks.push(chunk);
            });
            this.message.on("end", () => {
              resolve2(Buffer.concat(chunks));
            });
          }));
        });
      }
    };
    exports.HttpClientResponse = HttpClientResponse;
    function isHttps(requestUrl) {
      const parsedUrl = new URL(requestUrl);
      return parsedUrl.protocol === "https:";
    }
    var HttpClient2 = class {
      constructor(userAgent2, handlers, requestOptions) {
        this._ignoreSslError = false;
        this._allowRedirects = true;
        this._allowRedirectDowngrade = false;
        this._maxRedirects = 50;
        this._allowRetries = false;
        this._maxRetries = 1;
        this._keepAlive = false;
        this._disposed = false;
        this.userAgent = this._getUserAgentWithOrchestrationId(userAgent2);
        this.handlers = handlers || [];
        this.requestOptions = requestOptions;
        if (requestOptions) {
          if (requestOptions.ignoreSslError != null) {
            this._ignoreSslError = requestOptions.ignoreSslError;
          }
          this._socketTimeout = requestOptions.socketTimeout;
          if (requestOptions.allowRedirects != null) {
            this._allowRedirects = requestOptions.allowRedirects;
          }
          if (requestOptions.allowRedirectDowngrade != null) {
            this._allowRedirectDowngrade = requestOptions.allowRedirectDowngrade;
          }
          if (requestOptions.maxRedirects != null) {
            this._maxRedirects = Math.max(requestOptions.maxRedirects, 0);
          }
          if (requestOptions.keepAlive != null) {
            this._keepAlive = requestOptions.keepAlive;
          }
          if (requestOptions.allowRetries != null) {
            this._allowRetries = requestOptions.allowRetries;
          }
          if (requestOptions.maxRetries != null) {
            this._maxRetries = requestOptions.maxRetries;
          }
        }
      }
      options(requestUrl, additionalHeaders) {
        return __awaiter2(this, void 0, void 0, function* () {
          return this.request("OPTIONS", requestUrl, null, additionalHeaders || {});
        });
      }
      get(requestUrl, additionalHeaders) {
        return __awaiter2(this, void 0, void 0, function* () {
          return this.request("GET", requestUrl, null, additionalHeaders || {});
        });
      }
      del(requestUrl, additionalHeaders) {
        return __awaiter2(this, void 0, void 0, function* () {
          return this.request("DELETE", requestUrl, null, additionalHeaders || {});
        });
      }
      post(requestUrl, data, additionalHeaders) {
        return __awaiter2(this, void 0, void 0, function* () {
          return this.request("POST", requestUrl, data, additionalHeaders || {});
        });
      }
      patch(requestUrl, data, additionalHeaders) {
        return __awaiter2(this, void 0, void 0, function* () {
          return this.request("PATCH", requestUrl, data, additionalHeaders || {});
        });
      }
      put(requestUrl, data, additionalHeaders) {
        return __awaiter2(this, void 0, void 0, function* () {
          return this.request("PUT", requestUrl, data, additionalHeaders || {});
        });
      }
      head(requestUrl, additionalHeaders) {
        return __awaiter2(this, void 0, void 0, function* () {
          return this.request("HEAD", requestUrl, null, additionalHeaders || {});
        });
      }
      sendStream(verb, requestUrl, stream, additionalHeaders) {
        return __awaiter2(this, void 0, void 0, function* () {
          return this.request(verb, requestUrl, stream, additionalHeaders);
        });
      }
      /**
       * Gets a typed object from an endpoint
       * Be aware that not found returns a null.  Other errors (4xx, 5xx) reject the promise
       */
      getJson(requestUrl_1) {
        return __awaiter2(this, arguments, void 0, function* (requestUrl, additionalHeaders = {}) {
          additionalHeaders[Headers.Accept] = this._getExistingOrDefaultHeader(additionalHeaders, Headers.Accept, MediaTypes.ApplicationJson);
          const res = yield this.get(requestUrl, additionalHeaders);
          return this._processResponse(res, this.requestOptions);
        });
      }
      postJson(requestUrl_1, obj_1) {
        return __awaiter2(this, arguments, void 0, function* (requestUrl, obj, additionalHeaders = {}) {
          const data = JSON.stringify(obj, null, 2);
          additionalHeaders[Headers.Accept] = this._getExistingOrDefaultHeader(additionalHeaders, Headers.Accept, MediaTypes.ApplicationJson);
          additionalHeaders[Headers.ContentType] = this._getExistingOrDefaultContentTypeHeader(additionalHeaders, MediaTypes.ApplicationJson);
          const res = yield this.post(requestUrl, data, additionalHeaders);
          return this._processResponse(res, this.requestOptions);
        });
      }
      putJson(requestUrl_1, obj_1) {
        return __awaiter2(this, arguments, void 0, function* (requestUrl, obj, additionalHeaders = {}) {
          const data = JSON.stringify(obj, null, 2);
          additionalHeaders[Headers.Accept] = this._getExistingOrDefaultHeader(additionalHeaders, Headers.Accept, MediaTypes.ApplicationJson);
          additionalHeaders[Headers.ContentType] = this._getExistingOrDefaultContentTypeHeader(additionalHeaders, MediaTypes.ApplicationJson);
          const res = yield this.put(requestUrl, data, additionalHeaders);
          return this._processResponse(res, this.requestOptions);
        });
      }
      patchJson(requestUrl_1, obj_1) {
        return __awaiter2(this, arguments, void 0, function* (requestUrl, obj, additionalHeaders = {}) {
          const data = JSON.stringify(obj, null, 2);
          additionalHeaders[Headers.Accept] = this._getExistingOrDefaultHeader(additionalHeaders, Headers.Accept, MediaTypes.ApplicationJson);
          additionalHeaders[Headers.ContentType] = this._getExistingOrDefaultContentTypeHeader(additionalHeaders, MediaTypes.ApplicationJson);
          const res = yield this.patch(requestUrl, data, additionalHeaders);
          return this._processResponse(res, this.requestOptions);
        });
      }
      /**
       * Makes a raw http request.
       * All other methods such as get, post, patch, and request ultimately call this.
       * Prefer get, del, post and patch
       */
      request(verb, requestUrl, data, headers) {
        return __awaiter2(this, void 0, void 0, function* () {
          if (this._disposed) {
            throw new Error("Client has already been disposed.");
          }
          const parsedUrl = new URL(requestUrl);
          let info2 = this._prepareRequest(verb, parsedUrl, headers);
          const maxTries = this._allowRetries && RetryableHttpVerbs.includes(verb) ? this._maxRetries + 1 : 1;
          let numTries = 0;
          let response;
          do {
            response = yield this.requestRaw(info2, data);
            if (response && response.message && response.message.statusCode === HttpCodes.Unauthorized) {
              let authenticationHandler;
              for (const handler2 of this.handlers) {
                if (handler2.canHandleAuthentication(response)) {
                  authenticationHandler = handler2;
                  break;
                }
              }
              if (authenticationHandler) {
                return authenticationHandler.handleAuthentication(this, info2, data);
              } else {
                return response;
              }
            }
            let redirectsRemaining = this._maxRedirects;
            while (response.message.statusCode && HttpRedirectCodes.includes(response.message.statusCode) && this._allowRedirects && redirectsRemaining > 0) {
              const redirectUrl = response.message.headers["location"];
              if (!redirectUrl) {
                break;
              }
              const parsedRedirectUrl = new URL(redirectUrl);
              if (parsedUrl.protocol === "https:" && parsedUrl.protocol !== parsedRedirectUrl.protocol && !this._allowRedirectDowngrade) {
                throw new Error("Redirect from HTTPS to HTTP protocol. This downgrade is not allowed for security reasons. If you want to allow this behavior, set the allowRedirectDowngrade option to true.");
              }
              yield response.readBody();
              if (parsedRedirectUrl.hostname !== parsedUrl.hostname) {
                for (const header in headers) {
                  if (header.toLowerCase() === "authorization") {
                    delete headers[header];
                  }
                }
              }
              info2 = this._prepareRequest(verb, parsedRedirectUrl, headers);
              response = yield this.requestRaw(info2, data);
              redirectsRemaining--;
            }
            if (!response.message.statusCode || !HttpResponseRetryCodes.includes(response.message.statusCode)) {
              return response;
            }
            numTries += 1;
            if (numTries < maxTries) {
              yield response.readBody();
              yield this._performExponentialBackoff(numTries);
            }
          } while (numTries < maxTries);
          return response;
        });
      }
      /**
       * Needs to be called if keepAlive is set to true in request options.
       */
      dispose() {
        if (this._agent) {
          this._agent.destroy();
        }
        this._disposed = true;
      }
      /**
       * Raw request.
       * @param info
       * @param data
       */
      requestRaw(info2, data) {
        return __awaiter2(this, void 0, void 0, function* () {
          return new Promise((resolve2, reject) => {
            function callbackForResult(err, res) {
              if (err) {
                reject(err);
              } else if (!res) {
                reject(new Error("Unknown error"));
              } else {
                resolve2(res);
              }
            }
            this.requestRawWithCallback(info2, data, callbackForResult);
          });
        });
      }
      /**
       * Raw request with callback.
       * @param info
       * @param data
       * @param onResult
       */
      requestRawWithCallback(info2, data, onResult) {
        if (typeof data === "string") {
          if (!info2.options.headers) {
            info2.options.headers = {};
          }
          info2.options.headers["Content-Length"] = Buffer.byteLength(data, "utf8");
        }
        let callbackCalled = false;
        function handleResult(err, res) {
          if (!callbackCalled) {
            callbackCalled = true;
            onResult(err, res);
          }
        }
        const req = info2.httpModule.request(info2.options, (msg) => {
          const res = new HttpClientResponse(msg);
          handleResult(void 0, res);
        });
        let socket;
        req.on("socket", (sock) => {
          socket = sock;
        });
        req.setTimeout(this._socketTimeout || 3 * 6e4, () => {
          if (socket) {
            socket.end();
          }
          handleResult(new Error(`Request timeout: ${info2.options.path}`));
        });
        req.on("error", function(err) {
          handleResult(err);
        });
        if (data && typeof data === "string") {
          req.write(data, "utf8");
        }
        if (data && typeof data !== "string") {
          data.on("close", function() {
            req.end();
          });
          data.pipe(req);
        } else {
          req.end();
        }
      }
      /**
       * Gets an http agent. This function is useful when you need an http agent that handles
       * routing through a proxy server - depending upon the url and proxy environment variables.
       * @param serverUrl  The server URL where the request will be sent. For example, https://api.github.com
       */
      getAgent(serverUrl) {
        const parsedUrl = new URL(serverUrl);
        return this._getAgent(parsedUrl);
      }
      getAgentDispatcher(serverUrl) {
        const parsedUrl = new URL(serverUrl);
        const proxyUrl = pm.getProxyUrl(parsedUrl);
        const useProxy = proxyUrl && proxyUrl.hostname;
        if (!useProxy) {
          return;
        }
        return this._getProxyAgentDispatcher(parsedUrl, proxyUrl);
      }
      _prepareRequest(method, requestUrl, headers) {
        const info2 = {};
        info2.parsedUrl = requestUrl;
        const usingSsl = info2.parsedUrl.protocol === "https:";
        info2.httpModule = usingSsl ? https : http2;
        const defaultPort = usingSsl ? 443 : 80;
        info2.options = {};
        info2.options.host = info2.parsedUrl.hostname;
        info2.options.port = info2.parsedUrl.port ? parseInt(info2.parsedUrl.port) : defaultPort;
        info2.options.path = (info2.parsedUrl.pathname || "") + (info2.parsedUrl.search || "");
        info2.options.method = method;
        info2.options.headers = this._mergeHeaders(headers);
        if (this.userAgent != null) {
          info2.options.headers["user-agent"] = this.userAgent;
        }
        info2.options.agent = this._getAgent(info2.parsedUrl);
        if (this.handlers) {
          for (const handler2 of this.handlers) {
            handler2.prepareRequest(info2.options);
          }
        }
        return info2;
      }
      _mergeHeaders(headers) {
        if (this.requestOptions && this.requestOptions.headers) {
          return Object.assign({}, lowercaseKeys2(this.requestOptions.headers), lowercaseKeys2(headers || {}));
        }
        return lowercaseKeys2(headers || {});
      }
      /**
       * Gets an existing header value or returns a default.
       * Handles converting number header values to strings since HTTP headers must be strings.
       * Note: This returns string | string[] since some headers can have multiple values.
       * For headers that must always be a single string (like Content-Type), use the
       * specialized _getExistingOrDefaultContentTypeHeader method instead.
       */
      _getExistingOrDefaultHeader(additionalHeaders, header, _default) {
        let clientHeader;
        if (this.requestOptions && this.requestOptions.headers) {
          const headerValue = lowercaseKeys2(this.requestOptions.headers)[header];
          if (headerValue) {
            clientHeader = typeof headerValue === "number" ? headerValue.toString() : headerValue;
          }
        }
        const additionalValue = additionalHeaders[header];
        if (additionalValue !== void 0) {
          return typeof additionalValue === "number" ? additionalValue.toString() : additionalValue;
        }
        if (clientHeader !== void 0) {
          return clientHeader;
        }
        return _default;
      }
      /**
       * Specialized version of _getExistingOrDefaultHeader for Content-Type header.
       * Always returns a single string (not an array) since Content-Type should be a single value.
       * Converts arrays to comma-separated strings and numbers to strings to ensure type safety.
       * This was split from _getExistingOrDefaultHeader to provide stricter typing for callers
       * that assign the result to places expecting a string (e.g., additionalHeaders[Headers.ContentType]).
       */
      _getExistingOrDefaultContentTypeHeader(additionalHeaders, _default) {
        let clientHeader;
        if (this.requestOptions && this.requestOptions.headers) {
          const headerValue = lowercaseKeys2(this.requestOptions.headers)[Headers.ContentType];
          if (headerValue) {
            if (typeof headerValue === "number") {
              clientHeader = String(headerValue);
            } else if (Array.isArray(headerValue)) {
              clientHeader = headerValue.join(", ");
            } else {
              clientHeader = headerValue;
            }
          }
        }
        const additionalValue = additionalHeaders[Headers.ContentType];
        if (additionalValue !== void 0) {
          if (typeof additionalValue === "number") {
            return String(additionalValue);
          } else if (Array.isArray(additionalValue)) {
            return additionalValue.join(", ");
          } else {
            return additionalValue;
          }
        }
        if (clientHeader !== void 0) {
          return clientHeader;
        }
        return _default;
      }
      _getAgent(parsedUrl) {
        let agent;
        const proxyUrl = pm.getProxyUrl(parsedUrl);
        const useProxy = proxyUrl && proxyUrl.hostname;
        if (this._keepAlive && useProxy) {
          agent = this._proxyAgent;
        }
        if (!useProxy) {
          agent = this._agent;
        }
        if (agent) {
          return agent;
        }
        const usingSsl = parsedUrl.protocol === "https:";
        let maxSockets = 100;
        if (this.requestOptions) {
          maxSockets = this.requestOptions.maxSockets || http2.globalAgent.maxSockets;
        }
        if (proxyUrl && proxyUrl.hostname) {
          const agentOptions = {
            maxSockets,
            keepAlive: this._keepAlive,
            proxy: Object.assign(Object.assign({}, (proxyUrl.username || proxyUrl.password) && {
              proxyAuth: `${proxyUrl.username}:${proxyUrl.password}`
            }), { host: proxyUrl.hostname, port: proxyUrl.port })
          };
          let tunnelAgent;
          const overHttps = proxyUrl.protocol === "https:";
          if (usingSsl) {
            tunnelAgent = overHttps ? tunnel.httpsOverHttps : tunnel.httpsOverHttp;
          } else {
            tunnelAgent = overHttps ? tunnel.httpOverHttps : tunnel.httpOverHttp;
          }
          agent = tunnelAgent(agentOptions);
          this._proxyAgent = agent;
        }
        if (!agent) {
          const options = { keepAlive: this._keepAlive, maxSockets };
          agent = usingSsl ? new https.Agent(options) : new http2.Agent(options);
          this._agent = agent;
        }
        if (usingSsl && this._ignoreSslError) {
          agent.options = Object.assign(agent.options || {}, {
            rejectUnauthorized: false
          });
        }
        return agent;
      }
      _getProxyAgentDispatcher(parsedUrl, proxyUrl) {
        let proxyAgent;
        if (this._keepAlive) {
          proxyAgent = this._proxyAgentDispatcher;
        }
        if (proxyAgent) {
          return proxyAgent;
        }
        const usingSsl = parsedUrl.protocol === "https:";
        proxyAgent = new undici_1.ProxyAgent(Object.assign({ uri: proxyUrl.href, pipelining: !this._keepAlive ? 0 : 1 }, (proxyUrl.username || proxyUrl.password) && {
          token: `Basic ${Buffer.from(`${proxyUrl.username}:${proxyUrl.password}`).toString("base64")}`
        }));
        this._proxyAgentDispatcher = proxyAgent;
        if (usingSsl && this._ignoreSslError) {
          proxyAgent.options = Object.assign(proxyAgent.options.requestTls || {}, {
            rejectUnauthorized: false
          });
        }
        return proxyAgent;
      }
      _getUserAgentWithOrchestrationId(userAgent2) {
        const baseUserAgent = userAgent2 || "actions/http-client";
        const orchId = process.env["ACTIONS_ORCHESTRATION_ID"];
        if (orchId) {
          const sanitizedId = orchId.replace(/[^a-z0-9_.-]/gi, "_");
          return `${baseUserAgent} actions_orchestration_id/${sanitizedId}`;
        }
        return baseUserAgent;
      }
      _performExponentialBackoff(retryNumber) {
        return __awaiter2(this, void 0, void 0, function* () {
          retryNumber = Math.min(ExponentialBackoffCeiling, retryNumber);
          const ms = ExponentialBackoffTimeSlice * Math.pow(2, retryNumber);
          return new Promise((resolve2) => setTimeout(() => resolve2(), ms));
        });
      }
      _processResponse(res, options) {
        return __awaiter2(this, void 0, void 0, function* () {
          return new Promise((resolve2, reject) => __awaiter2(this, void 0, void 0, function* () {
            const statusCode = res.message.statusCode || 0;
            const response = {
              statusCode,
              result: null,
              headers: {}
            };
            if (statusCode === HttpCodes.NotFound) {
              resolve2(response);
            }
            function dateTimeDeserializer(key, value) {
              if (typeof value === "string") {
                const a = new Date(value);
                if (!isNaN(a.valueOf())) {
                  return a;
                }
              }
              return value;
            }
            let obj;
            let contents;
            try {
              contents = yield res.readBody();
              if (contents && contents.length > 0) {
                if (options && options.deserializeDates) {
                  obj = JSON.parse(contents, dateTimeDeserializer);
                } else {
                  obj = JSON.parse(contents);
                }
                response.result = obj;
              }
              response.headers = res.message.headers;
            } catch (err) {
            }
            if (statusCode > 299) {
              let msg;
              if (obj && obj.message) {
                msg = obj.message;
              } else if (contents && contents.length > 0) {
                msg = contents;
              } else {
                msg = `Failed request: (${statusCode})`;
              }
              const err = new HttpClientError(msg, statusCode);
              err.result = response.result;
              reject(err);
            } else {
              resolve2(response);
            }
          }));
        });
      }
    };
    exports.HttpClient = HttpClient2;
    var lowercaseKeys2 = (obj) => Object.keys(obj).reduce((c, k) => (c[k.toLowerCase()] = obj[k], c), {});
  }
});

// src/core/run-date.ts
async function resolveRunDate(source) {
  if (source.override !== "") return { date: source.override, source: "input" };
  if (source.workflowRun) {
    if (source.workflowRun.token === "") {
      source.warn(
        "github-token is empty, so the date of the workflow run cannot be read; dated tags use today (UTC). Matrix jobs that straddle midnight may disagree: pass github-token or date."
      );
    } else {
      try {
        const createdAt = await source.fetchRunCreatedAt(source.workflowRun);
        const parsed = new Date(createdAt);
        if (!Number.isNaN(parsed.getTime())) return { date: utcDate(parsed), source: "workflow run" };
        source.warn(`The GitHub API gave an unreadable run creation time (${createdAt}); dated tags use today (UTC).`);
      } catch (error) {
        source.warn(
          `Could not read the date of the workflow run from the GitHub API (${error.message}); dated tags use today (UTC). Give the job \`permissions: actions: read\` or set the date input.`
        );
      }
    }
  }
  return { date: utcDate(source.now()), source: "today" };
}
function utcDate(date) {
  return date.toISOString().slice(0, 10);
}

// node_modules/@actions/github/lib/context.js
import { readFileSync, existsSync } from "fs";
import { EOL } from "os";
var Context = class {
  /**
   * Hydrate the context from the environment
   */
  constructor() {
    var _a, _b, _c;
    this.payload = {};
    if (process.env.GITHUB_EVENT_PATH) {
      if (existsSync(process.env.GITHUB_EVENT_PATH)) {
        this.payload = JSON.parse(readFileSync(process.env.GITHUB_EVENT_PATH, { encoding: "utf8" }));
      } else {
        const path13 = process.env.GITHUB_EVENT_PATH;
        process.stdout.write(`GITHUB_EVENT_PATH ${path13} does not exist${EOL}`);
      }
    }
    this.eventName = process.env.GITHUB_EVENT_NAME;
    this.sha = process.env.GITHUB_SHA;
    this.ref = process.env.GITHUB_REF;
    this.workflow = process.env.GITHUB_WORKFLOW;
    this.action = process.env.GITHUB_ACTION;
    this.actor = process.env.GITHUB_ACTOR;
    this.job = process.env.GITHUB_JOB;
    this.runAttempt = parseInt(process.env.GITHUB_RUN_ATTEMPT, 10);
    this.runNumber = parseInt(process.env.GITHUB_RUN_NUMBER, 10);
    this.runId = parseInt(process.env.GITHUB_RUN_ID, 10);
    this.apiUrl = (_a = process.env.GITHUB_API_URL) !== null && _a !== void 0 ? _a : `https://api.github.com`;
    this.serverUrl = (_b = process.env.GITHUB_SERVER_URL) !== null && _b !== void 0 ? _b : `https://github.com`;
    this.graphqlUrl = (_c = process.env.GITHUB_GRAPHQL_URL) !== null && _c !== void 0 ? _c : `https://api.github.com/graphql`;
  }
  get issue() {
    const payload = this.payload;
    return Object.assign(Object.assign({}, this.repo), { number: (payload.issue || payload.pull_request || payload).number });
  }
  get repo() {
    if (process.env.GITHUB_REPOSITORY) {
      const [owner, repo] = process.env.GITHUB_REPOSITORY.split("/");
      return { owner, repo };
    }
    if (this.payload.repository) {
      return {
        owner: this.payload.repository.owner.login,
        repo: this.payload.repository.name
      };
    }
    throw new Error("context.repo requires a GITHUB_REPOSITORY environment variable like 'owner/repo'");
  }
};

// node_modules/@actions/github/lib/internal/utils.js
var httpClient = __toESM(require_lib(), 1);
var import_undici = __toESM(require_undici(), 1);
var __awaiter = function(thisArg, _arguments, P, generator) {
  function adopt(value) {
    return value instanceof P ? value : new P(function(resolve2) {
      resolve2(value);
    });
  }
  return new (P || (P = Promise))(function(resolve2, reject) {
    function fulfilled(value) {
      try {
        step(generator.next(value));
      } catch (e) {
        reject(e);
      }
    }
    function rejected(value) {
      try {
        step(generator["throw"](value));
      } catch (e) {
        reject(e);
      }
    }
    function step(result) {
      result.done ? resolve2(result.value) : adopt(result.value).then(fulfilled, rejected);
    }
    step((generator = generator.apply(thisArg, _arguments || [])).next());
  });
};
function getAuthString(token, options) {
  if (!token && !options.auth) {
    throw new Error("Parameter token or opts.auth is required");
  } else if (token && options.auth) {
    throw new Error("Parameters token and opts.auth may not both be specified");
  }
  return typeof options.auth === "string" ? options.auth : `token ${token}`;
}
function getProxyAgent(destinationUrl) {
  const hc = new httpClient.HttpClient();
  return hc.getAgent(destinationUrl);
}
function getProxyAgentDispatcher(destinationUrl) {
  const hc = new httpClient.HttpClient();
  return hc.getAgentDispatcher(destinationUrl);
}
function getProxyFetch(destinationUrl) {
  const httpDispatcher = getProxyAgentDispatcher(destinationUrl);
  const proxyFetch = (url, opts) => __awaiter(this, void 0, void 0, function* () {
    return (0, import_undici.fetch)(url, Object.assign(Object.assign({}, opts), { dispatcher: httpDispatcher }));
  });
  return proxyFetch;
}
function getApiBaseUrl() {
  return process.env["GITHUB_API_URL"] || "https://api.github.com";
}
function getUserAgentWithOrchestrationId(baseUserAgent) {
  var _a;
  const orchId = (_a = process.env["ACTIONS_ORCHESTRATION_ID"]) === null || _a === void 0 ? void 0 : _a.trim();
  if (orchId) {
    const sanitizedId = orchId.replace(/[^a-z0-9_.-]/gi, "_");
    const tag = `actions_orchestration_id/${sanitizedId}`;
    if (baseUserAgent === null || baseUserAgent === void 0 ? void 0 : baseUserAgent.includes(tag))
      return baseUserAgent;
    const ua = baseUserAgent ? `${baseUserAgent} ` : "";
    return `${ua}${tag}`;
  }
  return baseUserAgent;
}

// node_modules/universal-user-agent/index.js
function getUserAgent() {
  if (typeof navigator === "object" && "userAgent" in navigator) {
    return navigator.userAgent;
  }
  if (typeof process === "object" && process.version !== void 0) {
    return `Node.js/${process.version.substr(1)} (${process.platform}; ${process.arch})`;
  }
  return "<environment undetectable>";
}

// node_modules/before-after-hook/lib/register.js
function register(state, name, method, options) {
  if (typeof method !== "function") {
    throw new Error("method for before hook must be a function");
  }
  if (!options) {
    options = {};
  }
  if (Array.isArray(name)) {
    return name.reverse().reduce((callback, name2) => {
      return register.bind(null, state, name2, callback, options);
    }, method)();
  }
  return Promise.resolve().then(() => {
    if (!state.registry[name]) {
      return method(options);
    }
    return state.registry[name].reduce((method2, registered) => {
      return registered.hook.bind(null, method2, options);
    }, method)();
  });
}

// node_modules/before-after-hook/lib/add.js
function addHook(state, kind, name, hook2) {
  const orig = hook2;
  if (!state.registry[name]) {
    state.registry[name] = [];
  }
  if (kind === "before") {
    hook2 = (method, options) => {
      return Promise.resolve().then(orig.bind(null, options)).then(method.bind(null, options));
    };
  }
  if (kind === "after") {
    hook2 = (method, options) => {
      let result;
      return Promise.resolve().then(method.bind(null, options)).then((result_) => {
        result = result_;
        return orig(result, options);
      }).then(() => {
        return result;
      });
    };
  }
  if (kind === "error") {
    hook2 = (method, options) => {
      return Promise.resolve().then(method.bind(null, options)).catch((error) => {
        return orig(error, options);
      });
    };
  }
  state.registry[name].push({
    hook: hook2,
    orig
  });
}

// node_modules/before-after-hook/lib/remove.js
function removeHook(state, name, method) {
  if (!state.registry[name]) {
    return;
  }
  const index = state.registry[name].map((registered) => {
    return registered.orig;
  }).indexOf(method);
  if (index === -1) {
    return;
  }
  state.registry[name].splice(index, 1);
}

// node_modules/before-after-hook/index.js
var bind = Function.bind;
var bindable = bind.bind(bind);
function bindApi(hook2, state, name) {
  const removeHookRef = bindable(removeHook, null).apply(
    null,
    name ? [state, name] : [state]
  );
  hook2.api = { remove: removeHookRef };
  hook2.remove = removeHookRef;
  ["before", "error", "after", "wrap"].forEach((kind) => {
    const args = name ? [state, kind, name] : [state, kind];
    hook2[kind] = hook2.api[kind] = bindable(addHook, null).apply(null, args);
  });
}
function Singular() {
  const singularHookName = /* @__PURE__ */ Symbol("Singular");
  const singularHookState = {
    registry: {}
  };
  const singularHook = register.bind(null, singularHookState, singularHookName);
  bindApi(singularHook, singularHookState, singularHookName);
  return singularHook;
}
function Collection() {
  const state = {
    registry: {}
  };
  const hook2 = register.bind(null, state);
  bindApi(hook2, state);
  return hook2;
}
var before_after_hook_default = { Singular, Collection };

// node_modules/@octokit/endpoint/dist-bundle/index.js
var VERSION = "0.0.0-development";
var userAgent = `octokit-endpoint.js/${VERSION} ${getUserAgent()}`;
var DEFAULTS = {
  method: "GET",
  baseUrl: "https://api.github.com",
  headers: {
    accept: "application/vnd.github.v3+json",
    "user-agent": userAgent
  },
  mediaType: {
    format: ""
  }
};
function lowercaseKeys(object) {
  if (!object) {
    return {};
  }
  return Object.keys(object).reduce((newObj, key) => {
    newObj[key.toLowerCase()] = object[key];
    return newObj;
  }, {});
}
function isPlainObject(value) {
  if (typeof value !== "object" || value === null) return false;
  if (Object.prototype.toString.call(value) !== "[object Object]") return false;
  const proto = Object.getPrototypeOf(value);
  if (proto === null) return true;
  const Ctor = Object.prototype.hasOwnProperty.call(proto, "constructor") && proto.constructor;
  return typeof Ctor === "function" && Ctor instanceof Ctor && Function.prototype.call(Ctor) === Function.prototype.call(value);
}
function mergeDeep(defaults2, options) {
  const result = Object.assign({}, defaults2);
  Object.keys(options).forEach((key) => {
    if (isPlainObject(options[key])) {
      if (!(key in defaults2)) Object.assign(result, { [key]: options[key] });
      else result[key] = mergeDeep(defaults2[key], options[key]);
    } else {
      Object.assign(result, { [key]: options[key] });
    }
  });
  return result;
}
function removeUndefinedProperties(obj) {
  for (const key in obj) {
    if (obj[key] === void 0) {
      delete obj[key];
    }
  }
  return obj;
}
function merge(defaults2, route, options) {
  if (typeof route === "string") {
    let [method, url] = route.split(" ");
    options = Object.assign(url ? { method, url } : { url: method }, options);
  } else {
    options = Object.assign({}, route);
  }
  options.headers = lowercaseKeys(options.headers);
  removeUndefinedProperties(options);
  removeUndefinedProperties(options.headers);
  const mergedOptions = mergeDeep(defaults2 || {}, options);
  if (options.url === "/graphql") {
    if (defaults2 && defaults2.mediaType.previews?.length) {
      mergedOptions.mediaType.previews = defaults2.mediaType.previews.filter(
        (preview) => !mergedOptions.mediaType.previews.includes(preview)
      ).concat(mergedOptions.mediaType.previews);
    }
    mergedOptions.mediaType.previews = (mergedOptions.mediaType.previews || []).map((preview) => preview.replace(/-preview/, ""));
  }
  return mergedOptions;
}
function addQueryParameters(url, parameters) {
  const separator = /\?/.test(url) ? "&" : "?";
  const names = Object.keys(parameters);
  if (names.length === 0) {
    return url;
  }
  return url + separator + names.map((name) => {
    if (name === "q") {
      return "q=" + parameters.q.split("+").map(encodeURIComponent).join("+");
    }
    return `${name}=${encodeURIComponent(parameters[name])}`;
  }).join("&");
}
var urlVariableRegex = /\{[^{}}]+\}/g;
function removeNonChars(variableName) {
  return variableName.replace(/(?:^\W+)|(?:(?<!\W)\W+$)/g, "").split(/,/);
}
function extractUrlVariableNames(url) {
  const matches = url.match(urlVariableRegex);
  if (!matches) {
    return [];
  }
  return matches.map(removeNonChars).reduce((a, b) => a.concat(b), []);
}
function omit(object, keysToOmit) {
  const result = { __proto__: null };
  for (const key of Object.keys(object)) {
    if (keysToOmit.indexOf(key) === -1) {
      result[key] = object[key];
    }
  }
  return result;
}
function encodeReserved(str) {
  return str.split(/(%[0-9A-Fa-f]{2})/g).map(function(part) {
    if (!/%[0-9A-Fa-f]/.test(part)) {
      part = encodeURI(part).replace(/%5B/g, "[").replace(/%5D/g, "]");
    }
    return part;
  }).join("");
}
function encodeUnreserved(str) {
  return encodeURIComponent(str).replace(/[!'()*]/g, function(c) {
    return "%" + c.charCodeAt(0).toString(16).toUpperCase();
  });
}
function encodeValue(operator, value, key) {
  value = operator === "+" || operator === "#" ? encodeReserved(value) : encodeUnreserved(value);
  if (key) {
    return encodeUnreserved(key) + "=" + value;
  } else {
    return value;
  }
}
function isDefined(value) {
  return value !== void 0 && value !== null;
}
function isKeyOperator(operator) {
  return operator === ";" || operator === "&" || operator === "?";
}
function getValues(context3, operator, key, modifier) {
  var value = context3[key], result = [];
  if (isDefined(value) && value !== "") {
    if (typeof value === "string" || typeof value === "number" || typeof value === "bigint" || typeof value === "boolean") {
      value = value.toString();
      if (modifier && modifier !== "*") {
        value = value.substring(0, parseInt(modifier, 10));
      }
      result.push(
        encodeValue(operator, value, isKeyOperator(operator) ? key : "")
      );
    } else {
      if (modifier === "*") {
        if (Array.isArray(value)) {
          value.filter(isDefined).forEach(function(value2) {
            result.push(
              encodeValue(operator, value2, isKeyOperator(operator) ? key : "")
            );
          });
        } else {
          Object.keys(value).forEach(function(k) {
            if (isDefined(value[k])) {
              result.push(encodeValue(operator, value[k], k));
            }
          });
        }
      } else {
        const tmp = [];
        if (Array.isArray(value)) {
          value.filter(isDefined).forEach(function(value2) {
            tmp.push(encodeValue(operator, value2));
          });
        } else {
          Object.keys(value).forEach(function(k) {
            if (isDefined(value[k])) {
              tmp.push(encodeUnreserved(k));
              tmp.push(encodeValue(operator, value[k].toString()));
            }
          });
        }
        if (isKeyOperator(operator)) {
          result.push(encodeUnreserved(key) + "=" + tmp.join(","));
        } else if (tmp.length !== 0) {
          result.push(tmp.join(","));
        }
      }
    }
  } else {
    if (operator === ";") {
      if (isDefined(value)) {
        result.push(encodeUnreserved(key));
      }
    } else if (value === "" && (operator === "&" || operator === "?")) {
      result.push(encodeUnreserved(key) + "=");
    } else if (value === "") {
      result.push("");
    }
  }
  return result;
}
function parseUrl(template) {
  return {
    expand: expand.bind(null, template)
  };
}
function expand(template, context3) {
  var operators = ["+", "#", ".", "/", ";", "?", "&"];
  template = template.replace(
    /\{([^\{\}]+)\}|([^\{\}]+)/g,
    function(_, expression, literal) {
      if (expression) {
        let operator = "";
        const values = [];
        if (operators.indexOf(expression.charAt(0)) !== -1) {
          operator = expression.charAt(0);
          expression = expression.substr(1);
        }
        expression.split(/,/g).forEach(function(variable) {
          var tmp = /([^:\*]*)(?::(\d+)|(\*))?/.exec(variable);
          values.push(getValues(context3, operator, tmp[1], tmp[2] || tmp[3]));
        });
        if (operator && operator !== "+") {
          var separator = ",";
          if (operator === "?") {
            separator = "&";
          } else if (operator !== "#") {
            separator = operator;
          }
          return (values.length !== 0 ? operator : "") + values.join(separator);
        } else {
          return values.join(",");
        }
      } else {
        return encodeReserved(literal);
      }
    }
  );
  if (template === "/") {
    return template;
  } else {
    return template.replace(/\/$/, "");
  }
}
function parse(options) {
  let method = options.method.toUpperCase();
  let url = (options.url || "/").replace(/:([a-z]\w+)/g, "{$1}");
  let headers = Object.assign({}, options.headers);
  let body;
  let parameters = omit(options, [
    "method",
    "baseUrl",
    "url",
    "headers",
    "request",
    "mediaType"
  ]);
  const urlVariableNames = extractUrlVariableNames(url);
  url = parseUrl(url).expand(parameters);
  if (!/^http/.test(url)) {
    url = options.baseUrl + url;
  }
  const omittedParameters = Object.keys(options).filter((option) => urlVariableNames.includes(option)).concat("baseUrl");
  const remainingParameters = omit(parameters, omittedParameters);
  const isBinaryRequest = /application\/octet-stream/i.test(headers.accept);
  if (!isBinaryRequest) {
    if (options.mediaType.format) {
      headers.accept = headers.accept.split(/,/).map(
        (format) => format.replace(
          /application\/vnd(\.\w+)(\.v3)?(\.\w+)?(\+json)?$/,
          `application/vnd$1$2.${options.mediaType.format}`
        )
      ).join(",");
    }
    if (url.endsWith("/graphql")) {
      if (options.mediaType.previews?.length) {
        const previewsFromAcceptHeader = headers.accept.match(/(?<![\w-])[\w-]+(?=-preview)/g) || [];
        headers.accept = previewsFromAcceptHeader.concat(options.mediaType.previews).map((preview) => {
          const format = options.mediaType.format ? `.${options.mediaType.format}` : "+json";
          return `application/vnd.github.${preview}-preview${format}`;
        }).join(",");
      }
    }
  }
  if (["GET", "HEAD"].includes(method)) {
    url = addQueryParameters(url, remainingParameters);
  } else {
    if ("data" in remainingParameters) {
      body = remainingParameters.data;
    } else {
      if (Object.keys(remainingParameters).length) {
        body = remainingParameters;
      }
    }
  }
  if (!headers["content-type"] && typeof body !== "undefined") {
    headers["content-type"] = "application/json; charset=utf-8";
  }
  if (["PATCH", "PUT"].includes(method) && typeof body === "undefined") {
    body = "";
  }
  return Object.assign(
    { method, url, headers },
    typeof body !== "undefined" ? { body } : null,
    options.request ? { request: options.request } : null
  );
}
function endpointWithDefaults(defaults2, route, options) {
  return parse(merge(defaults2, route, options));
}
function withDefaults(oldDefaults, newDefaults) {
  const DEFAULTS2 = merge(oldDefaults, newDefaults);
  const endpoint2 = endpointWithDefaults.bind(null, DEFAULTS2);
  return Object.assign(endpoint2, {
    DEFAULTS: DEFAULTS2,
    defaults: withDefaults.bind(null, DEFAULTS2),
    merge: merge.bind(null, DEFAULTS2),
    parse
  });
}
var endpoint = withDefaults(null, DEFAULTS);

// node_modules/content-type/dist/index.js
var SP = 32;
var HTAB = 9;
var SEMI = 59;
var EQ = 61;
var DQUOTE = 34;
var BSLASH = 92;
var COMMA = 44;
var LOWER_CASE = 1;
var OWS = 2;
var SEMI_FLAG = 4;
var COMMA_FLAG = 8;
var TOKEN_FLAG = 16;
var NON_ASCII = 65280;
var CASE_FLAGS = LOWER_CASE | NON_ASCII;
var CHAR_MAP = new Uint8Array(256);
CHAR_MAP[HTAB] |= OWS;
CHAR_MAP[SP] |= OWS;
CHAR_MAP[SEMI] |= SEMI_FLAG;
CHAR_MAP[COMMA] |= COMMA_FLAG;
for (let code = 128; code <= 255; code++) {
  CHAR_MAP[code] |= LOWER_CASE;
}
for (const char of "!#$%&'*+-.^_`|~") {
  CHAR_MAP[char.charCodeAt(0)] |= TOKEN_FLAG;
}
for (let code = 48; code <= 57; code++) {
  CHAR_MAP[code] |= TOKEN_FLAG;
}
for (let code = 65; code <= 90; code++) {
  CHAR_MAP[code] |= LOWER_CASE | TOKEN_FLAG;
}
for (let code = 97; code <= 122; code++) {
  CHAR_MAP[code] |= TOKEN_FLAG;
}
var NullObject = /* @__PURE__ */ (() => {
  const C = function() {
  };
  C.prototype = /* @__PURE__ */ Object.create(null);
  return C;
})();
function parse2(header, options) {
  const stopFlags = SEMI_FLAG | (options?.comma === true ? COMMA_FLAG : 0);
  const len = header.length;
  let valueStart = options?.start ?? 0;
  while ((CHAR_MAP[header.charCodeAt(valueStart)] & OWS) !== 0) {
    valueStart++;
  }
  let index = valueStart;
  let typeFlags = 0;
  let whitespace = -1;
  let stop = options?.parameters === false ? COMMA_FLAG : 0;
  while (index < len) {
    const code = header.charCodeAt(index);
    const flags = CHAR_MAP[code];
    if ((flags & stopFlags) !== 0) {
      stop |= flags & COMMA_FLAG;
      break;
    }
    if ((flags & OWS) !== 0) {
      if (whitespace === -1)
        whitespace = index;
    } else {
      whitespace = -1;
    }
    typeFlags |= code & NON_ASCII | flags;
    index++;
  }
  const valueEnd = whitespace === -1 ? index : whitespace;
  const value = header.slice(valueStart, valueEnd);
  const type = (typeFlags & CASE_FLAGS) === 0 ? value : value.toLowerCase();
  if (index === len || stop !== 0) {
    return { type, index, parameters: new NullObject() };
  }
  return parseParameters(header, type, index, len, stopFlags);
}
function parseParameters(header, type, index, len, stopFlags) {
  const parameters = new NullObject();
  parameter: while (index < len) {
    index++;
    while ((CHAR_MAP[header.charCodeAt(index)] & OWS) !== 0) {
      index++;
    }
    const keyStart = index;
    let keyFlags = 0;
    let keyWhitespace = -1;
    while (index < len) {
      const code = header.charCodeAt(index);
      const flags = CHAR_MAP[code];
      if ((flags & stopFlags) !== 0) {
        if ((flags & COMMA_FLAG) !== 0)
          break parameter;
        continue parameter;
      }
      if (code === EQ) {
        const keyEnd = keyWhitespace === -1 ? index : keyWhitespace;
        const value = header.slice(keyStart, keyEnd);
        const key = (keyFlags & CASE_FLAGS) === 0 ? value : value.toLowerCase();
        index++;
        while ((CHAR_MAP[header.charCodeAt(index)] & OWS) !== 0) {
          index++;
        }
        if (index < len && header.charCodeAt(index) === DQUOTE) {
          const quotedStart = ++index;
          let escaped = false;
          while (index < len) {
            const code2 = header.charCodeAt(index);
            if (code2 === DQUOTE) {
              if (parameters[key] === void 0) {
                parameters[key] = escaped ? unescapeQuotedPairs(header, quotedStart, index) : header.slice(quotedStart, index);
              }
              index++;
              let stop2 = 0;
              while (index < len) {
                const code3 = header.charCodeAt(index);
                const flags2 = CHAR_MAP[code3];
                if ((flags2 & stopFlags) !== 0) {
                  stop2 = flags2 & COMMA_FLAG;
                  break;
                }
                index++;
              }
              if (stop2 !== 0)
                break parameter;
              continue parameter;
            }
            if (code2 === BSLASH && index + 1 < len) {
              escaped = true;
              index += 2;
              continue;
            }
            index++;
          }
          continue parameter;
        }
        const valueStart = index;
        let stop = 0;
        let valueWhitespace = -1;
        while (index < len) {
          const code2 = header.charCodeAt(index);
          const flags2 = CHAR_MAP[code2];
          if ((flags2 & stopFlags) !== 0) {
            stop = flags2 & COMMA_FLAG;
            break;
          }
          if ((flags2 & OWS) !== 0) {
            if (valueWhitespace === -1)
              valueWhitespace = index;
          } else {
            valueWhitespace = -1;
          }
          index++;
        }
        if (parameters[key] === void 0) {
          const valueEnd = valueWhitespace === -1 ? index : valueWhitespace;
          parameters[key] = header.slice(valueStart, valueEnd);
        }
        if (stop !== 0)
          break parameter;
        continue parameter;
      }
      if ((flags & OWS) !== 0) {
        if (keyWhitespace === -1)
          keyWhitespace = index;
      } else {
        keyWhitespace = -1;
      }
      keyFlags |= code & NON_ASCII | flags;
      index++;
    }
  }
  return { type, index, parameters };
}
function unescapeQuotedPairs(str, start, end) {
  let result = "";
  for (let index = start; index < end; index++) {
    if (str.charCodeAt(index) === BSLASH) {
      result += str.slice(start, index);
      start = ++index;
    }
  }
  return result + str.slice(start, end);
}

// node_modules/json-with-bigint/json-with-bigint.js
var intRegex = /^-?\d+$/;
var noiseValue = /^-?\d+n+$/;
var originalStringify = JSON.stringify;
var originalParse = JSON.parse;
var customFormat = /^-?\d+n$/;
var bigIntsStringify = /([\[:])?"(-?\d+)n"($|\s*[,\}\]])/g;
var noiseStringify = /([\[:])?("-?\d+n+)n("$|"\s*[,\}\]])/g;
var isUnstringifiable = (val) => val === void 0 || typeof val === "function" || typeof val === "symbol";
var isRawJSON = (val) => val !== null && typeof val === "object" && val.constructor && val.constructor.name === "RawJSON";
var stringifyIteratively = (rootValue, replacer, spaceParam) => {
  let space = "";
  if (typeof spaceParam === "number") {
    space = " ".repeat(Math.min(10, Math.max(0, Math.floor(spaceParam))));
  } else if (typeof spaceParam === "string") {
    space = spaceParam.slice(0, 10);
  }
  const isFunctionReplacer = typeof replacer === "function";
  const propertyList = Array.isArray(replacer) ? new Set(replacer.map(String)) : null;
  const prepareVal = (parent, key, val) => {
    const isObject = val !== null && typeof val === "object";
    const hasToJSON = isObject && typeof val.toJSON === "function";
    if (hasToJSON) {
      val = val.toJSON(key);
    }
    const isNoise = typeof val === "string" && noiseValue.test(val);
    if (isNoise) return val + "n";
    const isBigInt = typeof val === "bigint";
    if (isBigInt) {
      const supportsRawJSON = "rawJSON" in JSON;
      if (supportsRawJSON) return JSON.rawJSON(val.toString());
      return val.toString() + "n";
    }
    if (isFunctionReplacer) {
      val = replacer.call(parent, key, val);
    }
    const isPostReplacerObject = val !== null && typeof val === "object";
    if (isPostReplacerObject) {
      const isPrimitiveWrapper = val instanceof Number || val instanceof String || val instanceof Boolean;
      if (isPrimitiveWrapper) {
        val = val.valueOf();
      }
    }
    return val;
  };
  const rootProcessed = prepareVal({ "": rootValue }, "", rootValue);
  if (isUnstringifiable(rootProcessed)) {
    return void 0;
  }
  const isRootPrimitive = rootProcessed === null || typeof rootProcessed !== "object";
  const isRootNativeRawJSON = isRawJSON(rootProcessed);
  if (isRootPrimitive || isRootNativeRawJSON) {
    return originalStringify(rootProcessed);
  }
  const chunks = [];
  let level = 0;
  const stack = [
    {
      parent: { "": rootProcessed },
      key: "",
      val: rootProcessed,
      isArray: Array.isArray(rootProcessed),
      keys: Array.isArray(rootProcessed) ? null : Object.keys(rootProcessed),
      index: 0,
      first: true
    }
  ];
  const visited = new WeakSet([rootProcessed]);
  while (stack.length > 0) {
    const node = stack[stack.length - 1];
    if (node.index === 0) {
      chunks.push(node.isArray ? "[" : "{");
      level++;
    }
    let isDone = false;
    if (node.isArray) {
      if (node.index < node.val.length) {
        if (!node.first) chunks.push(",");
        if (space) chunks.push("\n" + space.repeat(level));
        const childRaw = node.val[node.index];
        const childVal = prepareVal(node.val, String(node.index), childRaw);
        if (isUnstringifiable(childVal)) {
          chunks.push("null");
          node.first = false;
          node.index++;
        } else {
          const isComplexObject = childVal !== null && typeof childVal === "object";
          const isNativeRaw = isRawJSON(childVal);
          if (isComplexObject && !isNativeRaw) {
            if (visited.has(childVal)) {
              throw new TypeError("Converting circular structure to JSON");
            }
            visited.add(childVal);
            stack.push({
              parent: node.val,
              key: String(node.index),
              val: childVal,
              isArray: Array.isArray(childVal),
              keys: Array.isArray(childVal) ? null : Object.keys(childVal),
              index: 0,
              first: true
            });
            node.first = false;
            node.index++;
          } else {
            chunks.push(originalStringify(childVal));
            node.first = false;
            node.index++;
          }
        }
      } else {
        isDone = true;
      }
    } else {
      while (node.index < node.keys.length) {
        const k = node.keys[node.index++];
        const isFilteredOutByArray = propertyList && !propertyList.has(k);
        if (isFilteredOutByArray) continue;
        const childRaw = node.val[k];
        const childVal = prepareVal(node.val, k, childRaw);
        if (isUnstringifiable(childVal)) continue;
        if (!node.first) chunks.push(",");
        if (space) {
          chunks.push("\n" + space.repeat(level) + originalStringify(k) + ": ");
        } else {
          chunks.push(originalStringify(k) + ":");
        }
        const isComplexObject = childVal !== null && typeof childVal === "object";
        const isNativeRaw = isRawJSON(childVal);
        if (isComplexObject && !isNativeRaw) {
          if (visited.has(childVal)) {
            throw new TypeError("Converting circular structure to JSON");
          }
          visited.add(childVal);
          stack.push({
            parent: node.val,
            key: k,
            val: childVal,
            isArray: Array.isArray(childVal),
            keys: Array.isArray(childVal) ? null : Object.keys(childVal),
            index: 0,
            first: true
          });
          node.first = false;
          break;
        } else {
          chunks.push(originalStringify(childVal));
          node.first = false;
        }
      }
      const isNodeFullyProcessed = node.index >= node.keys.length && stack[stack.length - 1] === node;
      if (isNodeFullyProcessed) {
        isDone = true;
      }
    }
    if (isDone) {
      level--;
      if (!node.first && space) chunks.push("\n" + space.repeat(level));
      chunks.push(node.isArray ? "]" : "}");
      visited.delete(node.val);
      stack.pop();
    }
  }
  return chunks.join("");
};
var JSONStringify = (value, replacer, space) => {
  try {
    const supportsRawJSON = "rawJSON" in JSON;
    if (supportsRawJSON) {
      return originalStringify(
        value,
        (key, val) => {
          if (typeof val === "bigint") return JSON.rawJSON(val.toString());
          const hasFunctionReplacer = typeof replacer === "function";
          if (hasFunctionReplacer) return replacer(key, val);
          const isKeyInArrayReplacer = Array.isArray(replacer) && replacer.includes(key);
          if (isKeyInArrayReplacer) return val;
          return val;
        },
        space
      );
    }
    if (!value) return originalStringify(value, replacer, space);
    const convertedToCustomJSON = originalStringify(
      value,
      (key, val) => {
        const isNoise = typeof val === "string" && noiseValue.test(val);
        if (isNoise) return val.toString() + "n";
        if (typeof val === "bigint") return val.toString() + "n";
        const hasFunctionReplacer = typeof replacer === "function";
        if (hasFunctionReplacer) return replacer(key, val);
        const isKeyInArrayReplacer = Array.isArray(replacer) && replacer.includes(key);
        if (isKeyInArrayReplacer) return val;
        return val;
      },
      space
    );
    const processedJSON = convertedToCustomJSON.replace(
      bigIntsStringify,
      "$1$2$3"
    );
    const denoisedJSON = processedJSON.replace(noiseStringify, "$1$2$3");
    return denoisedJSON;
  } catch (error) {
    if (error instanceof RangeError) {
      const convertedJSON = stringifyIteratively(value, replacer, space);
      if (convertedJSON === void 0) return void 0;
      const supportsRawJSON = "rawJSON" in JSON;
      if (supportsRawJSON) return convertedJSON;
      const processedJSON = convertedJSON.replace(bigIntsStringify, "$1$2$3");
      return processedJSON.replace(noiseStringify, "$1$2$3");
    }
    throw error;
  }
};
var featureCache = /* @__PURE__ */ new Map();
var isContextSourceSupported = () => {
  const parseFingerprint = JSON.parse.toString();
  if (featureCache.has(parseFingerprint)) {
    return featureCache.get(parseFingerprint);
  }
  try {
    const result = JSON.parse(
      "1",
      (_, __, context3) => !!context3?.source && context3.source === "1"
    );
    featureCache.set(parseFingerprint, result);
    return result;
  } catch {
    featureCache.set(parseFingerprint, false);
    return false;
  }
};
var convertMarkedBigIntsReviver = (key, value, context3, userReviver) => {
  const isCustomFormatBigInt = typeof value === "string" && customFormat.test(value);
  if (isCustomFormatBigInt) return BigInt(value.slice(0, -1));
  const isNoiseValue = typeof value === "string" && noiseValue.test(value);
  if (isNoiseValue) return value.slice(0, -1);
  const hasUserReviver = typeof userReviver === "function";
  if (!hasUserReviver) return value;
  return userReviver(key, value, context3);
};
var JSONParseV2 = (text, reviver) => {
  return JSON.parse(text, (key, value, context3) => {
    const isNumber = typeof value === "number";
    const isOutOfBounds = value > Number.MAX_SAFE_INTEGER || value < Number.MIN_SAFE_INTEGER;
    const isBigNumber = isNumber && isOutOfBounds;
    const isInt = context3 && intRegex.test(context3.source);
    const isBigInt = isBigNumber && isInt;
    if (isBigInt) return BigInt(context3.source);
    const hasCustomReviver = typeof reviver === "function";
    if (!hasCustomReviver) return value;
    return reviver(key, value, context3);
  });
};
var MAX_INT = Number.MAX_SAFE_INTEGER.toString();
var MAX_DIGITS = MAX_INT.length;
var stringsOrLargeNumbers = /"(?:[^"\\]|\\.)*"|-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/g;
var noiseValueWithQuotes = /^"-?\d+n+"$/;
var applyReviverIteratively = (parsed, userReviver) => {
  const rootHolder = { "": parsed };
  const stack = [{ parent: rootHolder, key: "", visited: false }];
  while (stack.length > 0) {
    const node = stack[stack.length - 1];
    if (!node.visited) {
      node.visited = true;
      const value = node.parent[node.key];
      const isComplexObject = value !== null && typeof value === "object";
      if (isComplexObject) {
        const keys = Object.keys(value);
        for (let i = keys.length - 1; i >= 0; i--) {
          stack.push({ parent: value, key: keys[i], visited: false });
        }
      }
    } else {
      const { parent, key } = node;
      let value = parent[key];
      if (typeof value === "string") {
        const isCustomFormatBigInt = customFormat.test(value);
        if (isCustomFormatBigInt) {
          value = BigInt(value.slice(0, -1));
        } else {
          const isNoise = noiseValue.test(value);
          if (isNoise) value = value.slice(0, -1);
        }
      }
      const hasUserReviver = typeof userReviver === "function";
      if (hasUserReviver) {
        value = userReviver.call(parent, key, value);
      }
      const isDeleted = value === void 0;
      if (isDeleted) {
        delete parent[key];
      } else {
        parent[key] = value;
      }
      stack.pop();
    }
  }
  return rootHolder[""];
};
var serializeBigInts = (text) => {
  return text.replace(
    stringsOrLargeNumbers,
    (match, digits, fractional, exponential) => {
      const isString = match[0] === '"';
      const isNoise = isString && noiseValueWithQuotes.test(match);
      if (isNoise) return match.substring(0, match.length - 1) + 'n"';
      const hasFractionalOrExponential = fractional || exponential;
      const isLessThanMaxSafeInt = digits && (digits.length < MAX_DIGITS || digits.length === MAX_DIGITS && digits <= MAX_INT);
      const isStandardValue = isString || hasFractionalOrExponential || isLessThanMaxSafeInt;
      if (isStandardValue) return match;
      return '"' + match + 'n"';
    }
  );
};
var JSONParse = (text, reviver) => {
  if (!text) return originalParse(text, reviver);
  try {
    if (isContextSourceSupported()) return JSONParseV2(text, reviver);
    const serializedData = serializeBigInts(text);
    return originalParse(
      serializedData,
      (key, value, context3) => convertMarkedBigIntsReviver(key, value, context3, reviver)
    );
  } catch (error) {
    if (error instanceof RangeError) {
      const serializedData = serializeBigInts(text);
      const parsed = originalParse(serializedData);
      return applyReviverIteratively(parsed, reviver);
    }
    throw error;
  }
};

// node_modules/@octokit/request-error/dist-src/index.js
var RequestError = class extends Error {
  name;
  /**
   * http status code
   */
  status;
  /**
   * Request options that lead to the error.
   */
  request;
  /**
   * Response object if a response was received
   */
  response;
  constructor(message, statusCode, options) {
    super(message, { cause: options.cause });
    this.name = "HttpError";
    this.status = Number.parseInt(statusCode);
    if (Number.isNaN(this.status)) {
      this.status = 0;
    }
    if ("response" in options) {
      this.response = options.response;
    }
    const requestCopy = Object.assign({}, options.request);
    if (options.request.headers.authorization) {
      requestCopy.headers = Object.assign({}, options.request.headers, {
        authorization: options.request.headers.authorization.replace(
          /(?<! ) .*$/,
          " [REDACTED]"
        )
      });
    }
    requestCopy.url = requestCopy.url.replace(/\bclient_secret=\w+/g, "client_secret=[REDACTED]").replace(/\baccess_token=\w+/g, "access_token=[REDACTED]");
    this.request = requestCopy;
  }
};

// node_modules/@octokit/request/dist-bundle/index.js
var VERSION2 = "10.0.16";
var defaults_default = {
  headers: {
    "user-agent": `octokit-request.js/${VERSION2} ${getUserAgent()}`
  }
};
function isPlainObject2(value) {
  if (typeof value !== "object" || value === null) return false;
  if (Object.prototype.toString.call(value) !== "[object Object]") return false;
  const proto = Object.getPrototypeOf(value);
  if (proto === null) return true;
  const Ctor = Object.prototype.hasOwnProperty.call(proto, "constructor") && proto.constructor;
  return typeof Ctor === "function" && Ctor instanceof Ctor && Function.prototype.call(Ctor) === Function.prototype.call(value);
}
var noop = () => "";
async function fetchWrapper(requestOptions) {
  const fetch3 = requestOptions.request?.fetch || globalThis.fetch;
  if (!fetch3) {
    throw new Error(
      "fetch is not set. Please pass a fetch implementation as new Octokit({ request: { fetch }}). Learn more at https://github.com/octokit/octokit.js/#fetch-missing"
    );
  }
  const log = requestOptions.request?.log || console;
  const parseSuccessResponseBody = requestOptions.request?.parseSuccessResponseBody !== false;
  const body = isPlainObject2(requestOptions.body) || Array.isArray(requestOptions.body) ? JSONStringify(requestOptions.body) : requestOptions.body;
  const requestHeaders = Object.fromEntries(
    Object.entries(requestOptions.headers).map(([name, value]) => [
      name,
      String(value)
    ])
  );
  let fetchResponse;
  try {
    fetchResponse = await fetch3(requestOptions.url, {
      method: requestOptions.method,
      body,
      redirect: requestOptions.request?.redirect,
      headers: requestHeaders,
      signal: requestOptions.request?.signal,
      // duplex must be set if request.body is ReadableStream or Async Iterables.
      // See https://fetch.spec.whatwg.org/#dom-requestinit-duplex.
      ...requestOptions.body && { duplex: "half" }
    });
  } catch (error) {
    let message = "Unknown Error";
    if (error instanceof Error) {
      if (error.name === "AbortError") {
        error.status = 500;
        throw error;
      }
      message = error.message;
      if (error.name === "TypeError" && "cause" in error) {
        if (error.cause instanceof Error) {
          message = error.cause.message;
        } else if (typeof error.cause === "string") {
          message = error.cause;
        }
      }
    }
    const requestError = new RequestError(message, 500, {
      request: requestOptions
    });
    requestError.cause = error;
    throw requestError;
  }
  const status = fetchResponse.status;
  const url = fetchResponse.url;
  const responseHeaders = {};
  for (const [key, value] of fetchResponse.headers) {
    responseHeaders[key] = value;
  }
  const octokitResponse = {
    url,
    status,
    headers: responseHeaders,
    data: ""
  };
  if ("deprecation" in responseHeaders) {
    const matches = responseHeaders.link && responseHeaders.link.match(/<([^<>]+)>; rel="deprecation"/);
    const deprecationLink = matches && matches.pop();
    log.warn(
      `[@octokit/request] "${requestOptions.method} ${requestOptions.url}" is deprecated. It is scheduled to be removed on ${responseHeaders.sunset}${deprecationLink ? `. See ${deprecationLink}` : ""}`
    );
  }
  if (status === 204 || status === 205) {
    return octokitResponse;
  }
  if (requestOptions.method === "HEAD") {
    if (status < 400) {
      return octokitResponse;
    }
    throw new RequestError(fetchResponse.statusText, status, {
      response: octokitResponse,
      request: requestOptions
    });
  }
  if (status === 304) {
    octokitResponse.data = await getResponseData(fetchResponse);
    throw new RequestError("Not modified", status, {
      response: octokitResponse,
      request: requestOptions
    });
  }
  if (status >= 400) {
    octokitResponse.data = await getResponseData(fetchResponse);
    throw new RequestError(toErrorMessage(octokitResponse.data), status, {
      response: octokitResponse,
      request: requestOptions
    });
  }
  octokitResponse.data = parseSuccessResponseBody ? await getResponseData(fetchResponse) : fetchResponse.body;
  return octokitResponse;
}
async function getResponseData(response) {
  const contentType = response.headers.get("content-type");
  if (!contentType) {
    return response.text().catch(noop);
  }
  const mimetype = parse2(contentType);
  if (isJSONResponse(mimetype)) {
    let text = "";
    try {
      text = await response.text();
      return JSONParse(text);
    } catch (err) {
      return text;
    }
  } else if (mimetype.type.startsWith("text/") || // `application/octet-stream` is the canonical "arbitrary binary" type
  // (RFC 2046) and must never be decoded as text, even when the response
  // carries a (misleading) `charset=utf-8` parameter — see #751.
  mimetype.parameters.charset?.toLowerCase() === "utf-8" && mimetype.type !== "application/octet-stream") {
    return response.text().catch(noop);
  } else {
    return response.arrayBuffer().catch(
      /* v8 ignore next -- @preserve */
      () => new ArrayBuffer(0)
    );
  }
}
function isJSONResponse(mimetype) {
  return mimetype.type === "application/json" || mimetype.type === "application/scim+json";
}
function toErrorMessage(data) {
  if (typeof data === "string") {
    return data;
  }
  if (data instanceof ArrayBuffer) {
    return "Unknown error";
  }
  if (typeof data === "object" && data !== null && "message" in data) {
    const objectData = data;
    const suffix = "documentation_url" in objectData ? ` - ${objectData.documentation_url}` : "";
    return Array.isArray(objectData.errors) ? `${objectData.message}: ${objectData.errors.map((v) => JSON.stringify(v)).join(", ")}${suffix}` : `${objectData.message}${suffix}`;
  }
  return `Unknown error: ${JSON.stringify(data)}`;
}
function withDefaults2(oldEndpoint, newDefaults) {
  const endpoint2 = oldEndpoint.defaults(newDefaults);
  const newApi = function(route, parameters) {
    const endpointOptions = endpoint2.merge(route, parameters);
    if (!endpointOptions.request || !endpointOptions.request.hook) {
      return fetchWrapper(endpoint2.parse(endpointOptions));
    }
    const request2 = (route2, parameters2) => {
      return fetchWrapper(
        endpoint2.parse(endpoint2.merge(route2, parameters2))
      );
    };
    Object.assign(request2, {
      endpoint: endpoint2,
      defaults: withDefaults2.bind(null, endpoint2)
    });
    return endpointOptions.request.hook(request2, endpointOptions);
  };
  return Object.assign(newApi, {
    endpoint: endpoint2,
    defaults: withDefaults2.bind(null, endpoint2)
  });
}
var request = withDefaults2(endpoint, defaults_default);

// node_modules/@octokit/graphql/dist-bundle/index.js
var VERSION3 = "0.0.0-development";
function _buildMessageForResponseErrors(data) {
  return `Request failed due to following response errors:
` + data.errors.map((e) => ` - ${e.message}`).join("\n");
}
var GraphqlResponseError = class extends Error {
  constructor(request2, headers, response) {
    super(_buildMessageForResponseErrors(response));
    this.request = request2;
    this.headers = headers;
    this.response = response;
    this.errors = response.errors;
    this.data = response.data;
    if (Error.captureStackTrace) {
      Error.captureStackTrace(this, this.constructor);
    }
  }
  request;
  headers;
  response;
  name = "GraphqlResponseError";
  errors;
  data;
};
var NON_VARIABLE_OPTIONS = [
  "method",
  "baseUrl",
  "url",
  "headers",
  "request",
  "query",
  "mediaType",
  "operationName"
];
var FORBIDDEN_VARIABLE_OPTIONS = ["query", "method", "url"];
var GHES_V3_SUFFIX_REGEX = /\/api\/v3\/?$/;
function graphql(request2, query, options) {
  if (options) {
    if (typeof query === "string" && "query" in options) {
      return Promise.reject(
        new Error(`[@octokit/graphql] "query" cannot be used as variable name`)
      );
    }
    for (const key in options) {
      if (!FORBIDDEN_VARIABLE_OPTIONS.includes(key)) continue;
      return Promise.reject(
        new Error(
          `[@octokit/graphql] "${key}" cannot be used as variable name`
        )
      );
    }
  }
  const parsedOptions = typeof query === "string" ? Object.assign({ query }, options) : query;
  const requestOptions = Object.keys(
    parsedOptions
  ).reduce((result, key) => {
    if (NON_VARIABLE_OPTIONS.includes(key)) {
      result[key] = parsedOptions[key];
      return result;
    }
    if (!result.variables) {
      result.variables = {};
    }
    result.variables[key] = parsedOptions[key];
    return result;
  }, {});
  const baseUrl2 = parsedOptions.baseUrl || request2.endpoint.DEFAULTS.baseUrl;
  if (GHES_V3_SUFFIX_REGEX.test(baseUrl2)) {
    requestOptions.url = baseUrl2.replace(GHES_V3_SUFFIX_REGEX, "/api/graphql");
  }
  return request2(requestOptions).then((response) => {
    if (response.data.errors) {
      const headers = {};
      for (const key of Object.keys(response.headers)) {
        headers[key] = response.headers[key];
      }
      throw new GraphqlResponseError(
        requestOptions,
        headers,
        response.data
      );
    }
    return response.data.data;
  });
}
function withDefaults3(request2, newDefaults) {
  const newRequest = request2.defaults(newDefaults);
  const newApi = (query, options) => {
    return graphql(newRequest, query, options);
  };
  return Object.assign(newApi, {
    defaults: withDefaults3.bind(null, newRequest),
    endpoint: newRequest.endpoint
  });
}
var graphql2 = withDefaults3(request, {
  headers: {
    "user-agent": `octokit-graphql.js/${VERSION3} ${getUserAgent()}`
  },
  method: "POST",
  url: "/graphql"
});
function withCustomRequest(customRequest) {
  return withDefaults3(customRequest, {
    method: "POST",
    url: "/graphql"
  });
}

// node_modules/@octokit/auth-token/dist-bundle/index.js
var b64url = "(?:[a-zA-Z0-9_-]+)";
var sep = "\\.";
var jwtRE = new RegExp(`^${b64url}${sep}${b64url}${sep}${b64url}$`);
var isJWT = jwtRE.test.bind(jwtRE);
async function auth(token) {
  const isApp = isJWT(token);
  const isInstallation = token.startsWith("v1.") || token.startsWith("ghs_");
  const isUserToServer = token.startsWith("ghu_");
  const tokenType = isApp ? "app" : isInstallation ? "installation" : isUserToServer ? "user-to-server" : "oauth";
  return {
    type: "token",
    token,
    tokenType
  };
}
function withAuthorizationPrefix(token) {
  if (token.split(/\./).length === 3) {
    return `bearer ${token}`;
  }
  return `token ${token}`;
}
async function hook(token, request2, route, parameters) {
  const endpoint2 = request2.endpoint.merge(
    route,
    parameters
  );
  endpoint2.headers.authorization = withAuthorizationPrefix(token);
  return request2(endpoint2);
}
var createTokenAuth = function createTokenAuth2(token) {
  if (!token) {
    throw new Error("[@octokit/auth-token] No token passed to createTokenAuth");
  }
  if (typeof token !== "string") {
    throw new Error(
      "[@octokit/auth-token] Token passed to createTokenAuth is not a string"
    );
  }
  token = token.replace(/^(token|bearer) +/i, "");
  return Object.assign(auth.bind(null, token), {
    hook: hook.bind(null, token)
  });
};

// node_modules/@octokit/core/dist-src/version.js
var VERSION4 = "7.0.8";

// node_modules/@octokit/core/dist-src/index.js
var noop2 = () => {
};
var consoleWarn = console.warn.bind(console);
var consoleError = console.error.bind(console);
function createLogger(logger = {}) {
  if (typeof logger.debug !== "function") {
    logger.debug = noop2;
  }
  if (typeof logger.info !== "function") {
    logger.info = noop2;
  }
  if (typeof logger.warn !== "function") {
    logger.warn = consoleWarn;
  }
  if (typeof logger.error !== "function") {
    logger.error = consoleError;
  }
  return logger;
}
var userAgentTrail = `octokit-core.js/${VERSION4} ${getUserAgent()}`;
var Octokit = class {
  static VERSION = VERSION4;
  static defaults(defaults2) {
    const OctokitWithDefaults = class extends this {
      constructor(...args) {
        const options = args[0] || {};
        if (typeof defaults2 === "function") {
          super(defaults2(options));
          return;
        }
        super(
          Object.assign(
            {},
            defaults2,
            options,
            options.userAgent && defaults2.userAgent ? {
              userAgent: `${options.userAgent} ${defaults2.userAgent}`
            } : null
          )
        );
      }
    };
    return OctokitWithDefaults;
  }
  static plugins = [];
  /**
   * Attach a plugin (or many) to your Octokit instance.
   *
   * @example
   * const API = Octokit.plugin(plugin1, plugin2, plugin3, ...)
   */
  static plugin(...newPlugins) {
    const currentPlugins = this.plugins;
    const NewOctokit = class extends this {
      static plugins = currentPlugins.concat(
        newPlugins.filter((plugin) => !currentPlugins.includes(plugin))
      );
    };
    return NewOctokit;
  }
  constructor(options = {}) {
    const hook2 = new before_after_hook_default.Collection();
    const requestDefaults = {
      baseUrl: request.endpoint.DEFAULTS.baseUrl,
      headers: {},
      request: Object.assign({}, options.request, {
        // @ts-ignore internal usage only, no need to type
        hook: hook2.bind(null, "request")
      }),
      mediaType: {
        previews: [],
        format: ""
      }
    };
    requestDefaults.headers["user-agent"] = options.userAgent ? `${options.userAgent} ${userAgentTrail}` : userAgentTrail;
    if (options.baseUrl) {
      requestDefaults.baseUrl = options.baseUrl;
    }
    if (options.previews) {
      requestDefaults.mediaType.previews = options.previews;
    }
    if (options.timeZone) {
      requestDefaults.headers["time-zone"] = options.timeZone;
    }
    this.request = request.defaults(requestDefaults);
    this.graphql = withCustomRequest(this.request).defaults(requestDefaults);
    this.log = createLogger(options.log);
    this.hook = hook2;
    if (!options.authStrategy) {
      if (!options.auth) {
        this.auth = async () => ({
          type: "unauthenticated"
        });
      } else {
        const auth2 = createTokenAuth(options.auth);
        hook2.wrap("request", auth2.hook);
        this.auth = auth2;
      }
    } else {
      const { authStrategy, ...otherOptions } = options;
      const auth2 = authStrategy(
        Object.assign(
          {
            request: this.request,
            log: this.log,
            // we pass the current octokit instance as well as its constructor options
            // to allow for authentication strategies that return a new octokit instance
            // that shares the same internal state as the current one. The original
            // requirement for this was the "event-octokit" authentication strategy
            // of https://github.com/probot/octokit-auth-probot.
            octokit: this,
            octokitOptions: otherOptions
          },
          options.auth
        )
      );
      hook2.wrap("request", auth2.hook);
      this.auth = auth2;
    }
    const classConstructor = this.constructor;
    for (let i = 0; i < classConstructor.plugins.length; ++i) {
      Object.assign(this, classConstructor.plugins[i](this, options));
    }
  }
  // assigned during constructor
  request;
  graphql;
  log;
  hook;
  // TODO: type `octokit.auth` based on passed options.authStrategy
  auth;
};

// node_modules/@octokit/plugin-rest-endpoint-methods/dist-src/version.js
var VERSION5 = "17.0.0";

// node_modules/@octokit/plugin-rest-endpoint-methods/dist-src/generated/endpoints.js
var Endpoints = {
  actions: {
    addCustomLabelsToSelfHostedRunnerForOrg: [
      "POST /orgs/{org}/actions/runners/{runner_id}/labels"
    ],
    addCustomLabelsToSelfHostedRunnerForRepo: [
      "POST /repos/{owner}/{repo}/actions/runners/{runner_id}/labels"
    ],
    addRepoAccessToSelfHostedRunnerGroupInOrg: [
      "PUT /orgs/{org}/actions/runner-groups/{runner_group_id}/repositories/{repository_id}"
    ],
    addSelectedRepoToOrgSecret: [
      "PUT /orgs/{org}/actions/secrets/{secret_name}/repositories/{repository_id}"
    ],
    addSelectedRepoToOrgVariable: [
      "PUT /orgs/{org}/actions/variables/{name}/repositories/{repository_id}"
    ],
    approveWorkflowRun: [
      "POST /repos/{owner}/{repo}/actions/runs/{run_id}/approve"
    ],
    cancelWorkflowRun: [
      "POST /repos/{owner}/{repo}/actions/runs/{run_id}/cancel"
    ],
    createEnvironmentVariable: [
      "POST /repos/{owner}/{repo}/environments/{environment_name}/variables"
    ],
    createHostedRunnerForOrg: ["POST /orgs/{org}/actions/hosted-runners"],
    createOrUpdateEnvironmentSecret: [
      "PUT /repos/{owner}/{repo}/environments/{environment_name}/secrets/{secret_name}"
    ],
    createOrUpdateOrgSecret: ["PUT /orgs/{org}/actions/secrets/{secret_name}"],
    createOrUpdateRepoSecret: [
      "PUT /repos/{owner}/{repo}/actions/secrets/{secret_name}"
    ],
    createOrgVariable: ["POST /orgs/{org}/actions/variables"],
    createRegistrationTokenForOrg: [
      "POST /orgs/{org}/actions/runners/registration-token"
    ],
    createRegistrationTokenForRepo: [
      "POST /repos/{owner}/{repo}/actions/runners/registration-token"
    ],
    createRemoveTokenForOrg: ["POST /orgs/{org}/actions/runners/remove-token"],
    createRemoveTokenForRepo: [
      "POST /repos/{owner}/{repo}/actions/runners/remove-token"
    ],
    createRepoVariable: ["POST /repos/{owner}/{repo}/actions/variables"],
    createWorkflowDispatch: [
      "POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches"
    ],
    deleteActionsCacheById: [
      "DELETE /repos/{owner}/{repo}/actions/caches/{cache_id}"
    ],
    deleteActionsCacheByKey: [
      "DELETE /repos/{owner}/{repo}/actions/caches{?key,ref}"
    ],
    deleteArtifact: [
      "DELETE /repos/{owner}/{repo}/actions/artifacts/{artifact_id}"
    ],
    deleteCustomImageFromOrg: [
      "DELETE /orgs/{org}/actions/hosted-runners/images/custom/{image_definition_id}"
    ],
    deleteCustomImageVersionFromOrg: [
      "DELETE /orgs/{org}/actions/hosted-runners/images/custom/{image_definition_id}/versions/{version}"
    ],
    deleteEnvironmentSecret: [
      "DELETE /repos/{owner}/{repo}/environments/{environment_name}/secrets/{secret_name}"
    ],
    deleteEnvironmentVariable: [
      "DELETE /repos/{owner}/{repo}/environments/{environment_name}/variables/{name}"
    ],
    deleteHostedRunnerForOrg: [
      "DELETE /orgs/{org}/actions/hosted-runners/{hosted_runner_id}"
    ],
    deleteOrgSecret: ["DELETE /orgs/{org}/actions/secrets/{secret_name}"],
    deleteOrgVariable: ["DELETE /orgs/{org}/actions/variables/{name}"],
    deleteRepoSecret: [
      "DELETE /repos/{owner}/{repo}/actions/secrets/{secret_name}"
    ],
    deleteRepoVariable: [
      "DELETE /repos/{owner}/{repo}/actions/variables/{name}"
    ],
    deleteSelfHostedRunnerFromOrg: [
      "DELETE /orgs/{org}/actions/runners/{runner_id}"
    ],
    deleteSelfHostedRunnerFromRepo: [
      "DELETE /repos/{owner}/{repo}/actions/runners/{runner_id}"
    ],
    deleteWorkflowRun: ["DELETE /repos/{owner}/{repo}/actions/runs/{run_id}"],
    deleteWorkflowRunLogs: [
      "DELETE /repos/{owner}/{repo}/actions/runs/{run_id}/logs"
    ],
    disableSelectedRepositoryGithubActionsOrganization: [
      "DELETE /orgs/{org}/actions/permissions/repositories/{repository_id}"
    ],
    disableWorkflow: [
      "PUT /repos/{owner}/{repo}/actions/workflows/{workflow_id}/disable"
    ],
    downloadArtifact: [
      "GET /repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}"
    ],
    downloadJobLogsForWorkflowRun: [
      "GET /repos/{owner}/{repo}/actions/jobs/{job_id}/logs"
    ],
    downloadWorkflowRunAttemptLogs: [
      "GET /repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}/logs"
    ],
    downloadWorkflowRunLogs: [
      "GET /repos/{owner}/{repo}/actions/runs/{run_id}/logs"
    ],
    enableSelectedRepositoryGithubActionsOrganization: [
      "PUT /orgs/{org}/actions/permissions/repositories/{repository_id}"
    ],
    enableWorkflow: [
      "PUT /repos/{owner}/{repo}/actions/workflows/{workflow_id}/enable"
    ],
    forceCancelWorkflowRun: [
      "POST /repos/{owner}/{repo}/actions/runs/{run_id}/force-cancel"
    ],
    generateRunnerJitconfigForOrg: [
      "POST /orgs/{org}/actions/runners/generate-jitconfig"
    ],
    generateRunnerJitconfigForRepo: [
      "POST /repos/{owner}/{repo}/actions/runners/generate-jitconfig"
    ],
    getActionsCacheList: ["GET /repos/{owner}/{repo}/actions/caches"],
    getActionsCacheUsage: ["GET /repos/{owner}/{repo}/actions/cache/usage"],
    getActionsCacheUsageByRepoForOrg: [
      "GET /orgs/{org}/actions/cache/usage-by-repository"
    ],
    getActionsCacheUsageForOrg: ["GET /orgs/{org}/actions/cache/usage"],
    getAllowedActionsOrganization: [
      "GET /orgs/{org}/actions/permissions/selected-actions"
    ],
    getAllowedActionsRepository: [
      "GET /repos/{owner}/{repo}/actions/permissions/selected-actions"
    ],
    getArtifact: ["GET /repos/{owner}/{repo}/actions/artifacts/{artifact_id}"],
    getCustomImageForOrg: [
      "GET /orgs/{org}/actions/hosted-runners/images/custom/{image_definition_id}"
    ],
    getCustomImageVersionForOrg: [
      "GET /orgs/{org}/actions/hosted-runners/images/custom/{image_definition_id}/versions/{version}"
    ],
    getCustomOidcSubClaimForRepo: [
      "GET /repos/{owner}/{repo}/actions/oidc/customization/sub"
    ],
    getEnvironmentPublicKey: [
      "GET /repos/{owner}/{repo}/environments/{environment_name}/secrets/public-key"
    ],
    getEnvironmentSecret: [
      "GET /repos/{owner}/{repo}/environments/{environment_name}/secrets/{secret_name}"
    ],
    getEnvironmentVariable: [
      "GET /repos/{owner}/{repo}/environments/{environment_name}/variables/{name}"
    ],
    getGithubActionsDefaultWorkflowPermissionsOrganization: [
      "GET /orgs/{org}/actions/permissions/workflow"
    ],
    getGithubActionsDefaultWorkflowPermissionsRepository: [
      "GET /repos/{owner}/{repo}/actions/permissions/workflow"
    ],
    getGithubActionsPermissionsOrganization: [
      "GET /orgs/{org}/actions/permissions"
    ],
    getGithubActionsPermissionsRepository: [
      "GET /repos/{owner}/{repo}/actions/permissions"
    ],
    getHostedRunnerForOrg: [
      "GET /orgs/{org}/actions/hosted-runners/{hosted_runner_id}"
    ],
    getHostedRunnersGithubOwnedImagesForOrg: [
      "GET /orgs/{org}/actions/hosted-runners/images/github-owned"
    ],
    getHostedRunnersLimitsForOrg: [
      "GET /orgs/{org}/actions/hosted-runners/limits"
    ],
    getHostedRunnersMachineSpecsForOrg: [
      "GET /orgs/{org}/actions/hosted-runners/machine-sizes"
    ],
    getHostedRunnersPartnerImagesForOrg: [
      "GET /orgs/{org}/actions/hosted-runners/images/partner"
    ],
    getHostedRunnersPlatformsForOrg: [
      "GET /orgs/{org}/actions/hosted-runners/platforms"
    ],
    getJobForWorkflowRun: ["GET /repos/{owner}/{repo}/actions/jobs/{job_id}"],
    getOrgPublicKey: ["GET /orgs/{org}/actions/secrets/public-key"],
    getOrgSecret: ["GET /orgs/{org}/actions/secrets/{secret_name}"],
    getOrgVariable: ["GET /orgs/{org}/actions/variables/{name}"],
    getPendingDeploymentsForRun: [
      "GET /repos/{owner}/{repo}/actions/runs/{run_id}/pending_deployments"
    ],
    getRepoPermissions: [
      "GET /repos/{owner}/{repo}/actions/permissions",
      {},
      { renamed: ["actions", "getGithubActionsPermissionsRepository"] }
    ],
    getRepoPublicKey: ["GET /repos/{owner}/{repo}/actions/secrets/public-key"],
    getRepoSecret: ["GET /repos/{owner}/{repo}/actions/secrets/{secret_name}"],
    getRepoVariable: ["GET /repos/{owner}/{repo}/actions/variables/{name}"],
    getReviewsForRun: [
      "GET /repos/{owner}/{repo}/actions/runs/{run_id}/approvals"
    ],
    getSelfHostedRunnerForOrg: ["GET /orgs/{org}/actions/runners/{runner_id}"],
    getSelfHostedRunnerForRepo: [
      "GET /repos/{owner}/{repo}/actions/runners/{runner_id}"
    ],
    getWorkflow: ["GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}"],
    getWorkflowAccessToRepository: [
      "GET /repos/{owner}/{repo}/actions/permissions/access"
    ],
    getWorkflowRun: ["GET /repos/{owner}/{repo}/actions/runs/{run_id}"],
    getWorkflowRunAttempt: [
      "GET /repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}"
    ],
    getWorkflowRunUsage: [
      "GET /repos/{owner}/{repo}/actions/runs/{run_id}/timing"
    ],
    getWorkflowUsage: [
      "GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/timing"
    ],
    listArtifactsForRepo: ["GET /repos/{owner}/{repo}/actions/artifacts"],
    listCustomImageVersionsForOrg: [
      "GET /orgs/{org}/actions/hosted-runners/images/custom/{image_definition_id}/versions"
    ],
    listCustomImagesForOrg: [
      "GET /orgs/{org}/actions/hosted-runners/images/custom"
    ],
    listEnvironmentSecrets: [
      "GET /repos/{owner}/{repo}/environments/{environment_name}/secrets"
    ],
    listEnvironmentVariables: [
      "GET /repos/{owner}/{repo}/environments/{environment_name}/variables"
    ],
    listGithubHostedRunnersInGroupForOrg: [
      "GET /orgs/{org}/actions/runner-groups/{runner_group_id}/hosted-runners"
    ],
    listHostedRunnersForOrg: ["GET /orgs/{org}/actions/hosted-runners"],
    listJobsForWorkflowRun: [
      "GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs"
    ],
    listJobsForWorkflowRunAttempt: [
      "GET /repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}/jobs"
    ],
    listLabelsForSelfHostedRunnerForOrg: [
      "GET /orgs/{org}/actions/runners/{runner_id}/labels"
    ],
    listLabelsForSelfHostedRunnerForRepo: [
      "GET /repos/{owner}/{repo}/actions/runners/{runner_id}/labels"
    ],
    listOrgSecrets: ["GET /orgs/{org}/actions/secrets"],
    listOrgVariables: ["GET /orgs/{org}/actions/variables"],
    listRepoOrganizationSecrets: [
      "GET /repos/{owner}/{repo}/actions/organization-secrets"
    ],
    listRepoOrganizationVariables: [
      "GET /repos/{owner}/{repo}/actions/organization-variables"
    ],
    listRepoSecrets: ["GET /repos/{owner}/{repo}/actions/secrets"],
    listRepoVariables: ["GET /repos/{owner}/{repo}/actions/variables"],
    listRepoWorkflows: ["GET /repos/{owner}/{repo}/actions/workflows"],
    listRunnerApplicationsForOrg: ["GET /orgs/{org}/actions/runners/downloads"],
    listRunnerApplicationsForRepo: [
      "GET /repos/{owner}/{repo}/actions/runners/downloads"
    ],
    listSelectedReposForOrgSecret: [
      "GET /orgs/{org}/actions/secrets/{secret_name}/repositories"
    ],
    listSelectedReposForOrgVariable: [
      "GET /orgs/{org}/actions/variables/{name}/repositories"
    ],
    listSelectedRepositoriesEnabledGithubActionsOrganization: [
      "GET /orgs/{org}/actions/permissions/repositories"
    ],
    listSelfHostedRunnersForOrg: ["GET /orgs/{org}/actions/runners"],
    listSelfHostedRunnersForRepo: ["GET /repos/{owner}/{repo}/actions/runners"],
    listWorkflowRunArtifacts: [
      "GET /repos/{owner}/{repo}/actions/runs/{run_id}/artifacts"
    ],
    listWorkflowRuns: [
      "GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs"
    ],
    listWorkflowRunsForRepo: ["GET /repos/{owner}/{repo}/actions/runs"],
    reRunJobForWorkflowRun: [
      "POST /repos/{owner}/{repo}/actions/jobs/{job_id}/rerun"
    ],
    reRunWorkflow: ["POST /repos/{owner}/{repo}/actions/runs/{run_id}/rerun"],
    reRunWorkflowFailedJobs: [
      "POST /repos/{owner}/{repo}/actions/runs/{run_id}/rerun-failed-jobs"
    ],
    removeAllCustomLabelsFromSelfHostedRunnerForOrg: [
      "DELETE /orgs/{org}/actions/runners/{runner_id}/labels"
    ],
    removeAllCustomLabelsFromSelfHostedRunnerForRepo: [
      "DELETE /repos/{owner}/{repo}/actions/runners/{runner_id}/labels"
    ],
    removeCustomLabelFromSelfHostedRunnerForOrg: [
      "DELETE /orgs/{org}/actions/runners/{runner_id}/labels/{name}"
    ],
    removeCustomLabelFromSelfHostedRunnerForRepo: [
      "DELETE /repos/{owner}/{repo}/actions/runners/{runner_id}/labels/{name}"
    ],
    removeSelectedRepoFromOrgSecret: [
      "DELETE /orgs/{org}/actions/secrets/{secret_name}/repositories/{repository_id}"
    ],
    removeSelectedRepoFromOrgVariable: [
      "DELETE /orgs/{org}/actions/variables/{name}/repositories/{repository_id}"
    ],
    reviewCustomGatesForRun: [
      "POST /repos/{owner}/{repo}/actions/runs/{run_id}/deployment_protection_rule"
    ],
    reviewPendingDeploymentsForRun: [
      "POST /repos/{owner}/{repo}/actions/runs/{run_id}/pending_deployments"
    ],
    setAllowedActionsOrganization: [
      "PUT /orgs/{org}/actions/permissions/selected-actions"
    ],
    setAllowedActionsRepository: [
      "PUT /repos/{owner}/{repo}/actions/permissions/selected-actions"
    ],
    setCustomLabelsForSelfHostedRunnerForOrg: [
      "PUT /orgs/{org}/actions/runners/{runner_id}/labels"
    ],
    setCustomLabelsForSelfHostedRunnerForRepo: [
      "PUT /repos/{owner}/{repo}/actions/runners/{runner_id}/labels"
    ],
    setCustomOidcSubClaimForRepo: [
      "PUT /repos/{owner}/{repo}/actions/oidc/customization/sub"
    ],
    setGithubActionsDefaultWorkflowPermissionsOrganization: [
      "PUT /orgs/{org}/actions/permissions/workflow"
    ],
    setGithubActionsDefaultWorkflowPermissionsRepository: [
      "PUT /repos/{owner}/{repo}/actions/permissions/workflow"
    ],
    setGithubActionsPermissionsOrganization: [
      "PUT /orgs/{org}/actions/permissions"
    ],
    setGithubActionsPermissionsRepository: [
      "PUT /repos/{owner}/{repo}/actions/permissions"
    ],
    setSelectedReposForOrgSecret: [
      "PUT /orgs/{org}/actions/secrets/{secret_name}/repositories"
    ],
    setSelectedReposForOrgVariable: [
      "PUT /orgs/{org}/actions/variables/{name}/repositories"
    ],
    setSelectedRepositoriesEnabledGithubActionsOrganization: [
      "PUT /orgs/{org}/actions/permissions/repositories"
    ],
    setWorkflowAccessToRepository: [
      "PUT /repos/{owner}/{repo}/actions/permissions/access"
    ],
    updateEnvironmentVariable: [
      "PATCH /repos/{owner}/{repo}/environments/{environment_name}/variables/{name}"
    ],
    updateHostedRunnerForOrg: [
      "PATCH /orgs/{org}/actions/hosted-runners/{hosted_runner_id}"
    ],
    updateOrgVariable: ["PATCH /orgs/{org}/actions/variables/{name}"],
    updateRepoVariable: [
      "PATCH /repos/{owner}/{repo}/actions/variables/{name}"
    ]
  },
  activity: {
    checkRepoIsStarredByAuthenticatedUser: ["GET /user/starred/{owner}/{repo}"],
    deleteRepoSubscription: ["DELETE /repos/{owner}/{repo}/subscription"],
    deleteThreadSubscription: [
      "DELETE /notifications/threads/{thread_id}/subscription"
    ],
    getFeeds: ["GET /feeds"],
    getRepoSubscription: ["GET /repos/{owner}/{repo}/subscription"],
    getThread: ["GET /notifications/threads/{thread_id}"],
    getThreadSubscriptionForAuthenticatedUser: [
      "GET /notifications/threads/{thread_id}/subscription"
    ],
    listEventsForAuthenticatedUser: ["GET /users/{username}/events"],
    listNotificationsForAuthenticatedUser: ["GET /notifications"],
    listOrgEventsForAuthenticatedUser: [
      "GET /users/{username}/events/orgs/{org}"
    ],
    listPublicEvents: ["GET /events"],
    listPublicEventsForRepoNetwork: ["GET /networks/{owner}/{repo}/events"],
    listPublicEventsForUser: ["GET /users/{username}/events/public"],
    listPublicOrgEvents: ["GET /orgs/{org}/events"],
    listReceivedEventsForUser: ["GET /users/{username}/received_events"],
    listReceivedPublicEventsForUser: [
      "GET /users/{username}/received_events/public"
    ],
    listRepoEvents: ["GET /repos/{owner}/{repo}/events"],
    listRepoNotificationsForAuthenticatedUser: [
      "GET /repos/{owner}/{repo}/notifications"
    ],
    listReposStarredByAuthenticatedUser: ["GET /user/starred"],
    listReposStarredByUser: ["GET /users/{username}/starred"],
    listReposWatchedByUser: ["GET /users/{username}/subscriptions"],
    listStargazersForRepo: ["GET /repos/{owner}/{repo}/stargazers"],
    listWatchedReposForAuthenticatedUser: ["GET /user/subscriptions"],
    listWatchersForRepo: ["GET /repos/{owner}/{repo}/subscribers"],
    markNotificationsAsRead: ["PUT /notifications"],
    markRepoNotificationsAsRead: ["PUT /repos/{owner}/{repo}/notifications"],
    markThreadAsDone: ["DELETE /notifications/threads/{thread_id}"],
    markThreadAsRead: ["PATCH /notifications/threads/{thread_id}"],
    setRepoSubscription: ["PUT /repos/{owner}/{repo}/subscription"],
    setThreadSubscription: [
      "PUT /notifications/threads/{thread_id}/subscription"
    ],
    starRepoForAuthenticatedUser: ["PUT /user/starred/{owner}/{repo}"],
    unstarRepoForAuthenticatedUser: ["DELETE /user/starred/{owner}/{repo}"]
  },
  apps: {
    addRepoToInstallation: [
      "PUT /user/installations/{installation_id}/repositories/{repository_id}",
      {},
      { renamed: ["apps", "addRepoToInstallationForAuthenticatedUser"] }
    ],
    addRepoToInstallationForAuthenticatedUser: [
      "PUT /user/installations/{installation_id}/repositories/{repository_id}"
    ],
    checkToken: ["POST /applications/{client_id}/token"],
    createFromManifest: ["POST /app-manifests/{code}/conversions"],
    createInstallationAccessToken: [
      "POST /app/installations/{installation_id}/access_tokens"
    ],
    deleteAuthorization: ["DELETE /applications/{client_id}/grant"],
    deleteInstallation: ["DELETE /app/installations/{installation_id}"],
    deleteToken: ["DELETE /applications/{client_id}/token"],
    getAuthenticated: ["GET /app"],
    getBySlug: ["GET /apps/{app_slug}"],
    getInstallation: ["GET /app/installations/{installation_id}"],
    getOrgInstallation: ["GET /orgs/{org}/installation"],
    getRepoInstallation: ["GET /repos/{owner}/{repo}/installation"],
    getSubscriptionPlanForAccount: [
      "GET /marketplace_listing/accounts/{account_id}"
    ],
    getSubscriptionPlanForAccountStubbed: [
      "GET /marketplace_listing/stubbed/accounts/{account_id}"
    ],
    getUserInstallation: ["GET /users/{username}/installation"],
    getWebhookConfigForApp: ["GET /app/hook/config"],
    getWebhookDelivery: ["GET /app/hook/deliveries/{delivery_id}"],
    listAccountsForPlan: ["GET /marketplace_listing/plans/{plan_id}/accounts"],
    listAccountsForPlanStubbed: [
      "GET /marketplace_listing/stubbed/plans/{plan_id}/accounts"
    ],
    listInstallationReposForAuthenticatedUser: [
      "GET /user/installations/{installation_id}/repositories"
    ],
    listInstallationRequestsForAuthenticatedApp: [
      "GET /app/installation-requests"
    ],
    listInstallations: ["GET /app/installations"],
    listInstallationsForAuthenticatedUser: ["GET /user/installations"],
    listPlans: ["GET /marketplace_listing/plans"],
    listPlansStubbed: ["GET /marketplace_listing/stubbed/plans"],
    listReposAccessibleToInstallation: ["GET /installation/repositories"],
    listSubscriptionsForAuthenticatedUser: ["GET /user/marketplace_purchases"],
    listSubscriptionsForAuthenticatedUserStubbed: [
      "GET /user/marketplace_purchases/stubbed"
    ],
    listWebhookDeliveries: ["GET /app/hook/deliveries"],
    redeliverWebhookDelivery: [
      "POST /app/hook/deliveries/{delivery_id}/attempts"
    ],
    removeRepoFromInstallation: [
      "DELETE /user/installations/{installation_id}/repositories/{repository_id}",
      {},
      { renamed: ["apps", "removeRepoFromInstallationForAuthenticatedUser"] }
    ],
    removeRepoFromInstallationForAuthenticatedUser: [
      "DELETE /user/installations/{installation_id}/repositories/{repository_id}"
    ],
    resetToken: ["PATCH /applications/{client_id}/token"],
    revokeInstallationAccessToken: ["DELETE /installation/token"],
    scopeToken: ["POST /applications/{client_id}/token/scoped"],
    suspendInstallation: ["PUT /app/installations/{installation_id}/suspended"],
    unsuspendInstallation: [
      "DELETE /app/installations/{installation_id}/suspended"
    ],
    updateWebhookConfigForApp: ["PATCH /app/hook/config"]
  },
  billing: {
    getGithubActionsBillingOrg: ["GET /orgs/{org}/settings/billing/actions"],
    getGithubActionsBillingUser: [
      "GET /users/{username}/settings/billing/actions"
    ],
    getGithubBillingPremiumRequestUsageReportOrg: [
      "GET /organizations/{org}/settings/billing/premium_request/usage"
    ],
    getGithubBillingPremiumRequestUsageReportUser: [
      "GET /users/{username}/settings/billing/premium_request/usage"
    ],
    getGithubBillingUsageReportOrg: [
      "GET /organizations/{org}/settings/billing/usage"
    ],
    getGithubBillingUsageReportUser: [
      "GET /users/{username}/settings/billing/usage"
    ],
    getGithubPackagesBillingOrg: ["GET /orgs/{org}/settings/billing/packages"],
    getGithubPackagesBillingUser: [
      "GET /users/{username}/settings/billing/packages"
    ],
    getSharedStorageBillingOrg: [
      "GET /orgs/{org}/settings/billing/shared-storage"
    ],
    getSharedStorageBillingUser: [
      "GET /users/{username}/settings/billing/shared-storage"
    ]
  },
  campaigns: {
    createCampaign: ["POST /orgs/{org}/campaigns"],
    deleteCampaign: ["DELETE /orgs/{org}/campaigns/{campaign_number}"],
    getCampaignSummary: ["GET /orgs/{org}/campaigns/{campaign_number}"],
    listOrgCampaigns: ["GET /orgs/{org}/campaigns"],
    updateCampaign: ["PATCH /orgs/{org}/campaigns/{campaign_number}"]
  },
  checks: {
    create: ["POST /repos/{owner}/{repo}/check-runs"],
    createSuite: ["POST /repos/{owner}/{repo}/check-suites"],
    get: ["GET /repos/{owner}/{repo}/check-runs/{check_run_id}"],
    getSuite: ["GET /repos/{owner}/{repo}/check-suites/{check_suite_id}"],
    listAnnotations: [
      "GET /repos/{owner}/{repo}/check-runs/{check_run_id}/annotations"
    ],
    listForRef: ["GET /repos/{owner}/{repo}/commits/{ref}/check-runs"],
    listForSuite: [
      "GET /repos/{owner}/{repo}/check-suites/{check_suite_id}/check-runs"
    ],
    listSuitesForRef: ["GET /repos/{owner}/{repo}/commits/{ref}/check-suites"],
    rerequestRun: [
      "POST /repos/{owner}/{repo}/check-runs/{check_run_id}/rerequest"
    ],
    rerequestSuite: [
      "POST /repos/{owner}/{repo}/check-suites/{check_suite_id}/rerequest"
    ],
    setSuitesPreferences: [
      "PATCH /repos/{owner}/{repo}/check-suites/preferences"
    ],
    update: ["PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}"]
  },
  codeScanning: {
    commitAutofix: [
      "POST /repos/{owner}/{repo}/code-scanning/alerts/{alert_number}/autofix/commits"
    ],
    createAutofix: [
      "POST /repos/{owner}/{repo}/code-scanning/alerts/{alert_number}/autofix"
    ],
    createVariantAnalysis: [
      "POST /repos/{owner}/{repo}/code-scanning/codeql/variant-analyses"
    ],
    deleteAnalysis: [
      "DELETE /repos/{owner}/{repo}/code-scanning/analyses/{analysis_id}{?confirm_delete}"
    ],
    deleteCodeqlDatabase: [
      "DELETE /repos/{owner}/{repo}/code-scanning/codeql/databases/{language}"
    ],
    getAlert: [
      "GET /repos/{owner}/{repo}/code-scanning/alerts/{alert_number}",
      {},
      { renamedParameters: { alert_id: "alert_number" } }
    ],
    getAnalysis: [
      "GET /repos/{owner}/{repo}/code-scanning/analyses/{analysis_id}"
    ],
    getAutofix: [
      "GET /repos/{owner}/{repo}/code-scanning/alerts/{alert_number}/autofix"
    ],
    getCodeqlDatabase: [
      "GET /repos/{owner}/{repo}/code-scanning/codeql/databases/{language}"
    ],
    getDefaultSetup: ["GET /repos/{owner}/{repo}/code-scanning/default-setup"],
    getSarif: ["GET /repos/{owner}/{repo}/code-scanning/sarifs/{sarif_id}"],
    getVariantAnalysis: [
      "GET /repos/{owner}/{repo}/code-scanning/codeql/variant-analyses/{codeql_variant_analysis_id}"
    ],
    getVariantAnalysisRepoTask: [
      "GET /repos/{owner}/{repo}/code-scanning/codeql/variant-analyses/{codeql_variant_analysis_id}/repos/{repo_owner}/{repo_name}"
    ],
    listAlertInstances: [
      "GET /repos/{owner}/{repo}/code-scanning/alerts/{alert_number}/instances"
    ],
    listAlertsForOrg: ["GET /orgs/{org}/code-scanning/alerts"],
    listAlertsForRepo: ["GET /repos/{owner}/{repo}/code-scanning/alerts"],
    listAlertsInstances: [
      "GET /repos/{owner}/{repo}/code-scanning/alerts/{alert_number}/instances",
      {},
      { renamed: ["codeScanning", "listAlertInstances"] }
    ],
    listCodeqlDatabases: [
      "GET /repos/{owner}/{repo}/code-scanning/codeql/databases"
    ],
    listRecentAnalyses: ["GET /repos/{owner}/{repo}/code-scanning/analyses"],
    updateAlert: [
      "PATCH /repos/{owner}/{repo}/code-scanning/alerts/{alert_number}"
    ],
    updateDefaultSetup: [
      "PATCH /repos/{owner}/{repo}/code-scanning/default-setup"
    ],
    uploadSarif: ["POST /repos/{owner}/{repo}/code-scanning/sarifs"]
  },
  codeSecurity: {
    attachConfiguration: [
      "POST /orgs/{org}/code-security/configurations/{configuration_id}/attach"
    ],
    attachEnterpriseConfiguration: [
      "POST /enterprises/{enterprise}/code-security/configurations/{configuration_id}/attach"
    ],
    createConfiguration: ["POST /orgs/{org}/code-security/configurations"],
    createConfigurationForEnterprise: [
      "POST /enterprises/{enterprise}/code-security/configurations"
    ],
    deleteConfiguration: [
      "DELETE /orgs/{org}/code-security/configurations/{configuration_id}"
    ],
    deleteConfigurationForEnterprise: [
      "DELETE /enterprises/{enterprise}/code-security/configurations/{configuration_id}"
    ],
    detachConfiguration: [
      "DELETE /orgs/{org}/code-security/configurations/detach"
    ],
    getConfiguration: [
      "GET /orgs/{org}/code-security/configurations/{configuration_id}"
    ],
    getConfigurationForRepository: [
      "GET /repos/{owner}/{repo}/code-security-configuration"
    ],
    getConfigurationsForEnterprise: [
      "GET /enterprises/{enterprise}/code-security/configurations"
    ],
    getConfigurationsForOrg: ["GET /orgs/{org}/code-security/configurations"],
    getDefaultConfigurations: [
      "GET /orgs/{org}/code-security/configurations/defaults"
    ],
    getDefaultConfigurationsForEnterprise: [
      "GET /enterprises/{enterprise}/code-security/configurations/defaults"
    ],
    getRepositoriesForConfiguration: [
      "GET /orgs/{org}/code-security/configurations/{configuration_id}/repositories"
    ],
    getRepositoriesForEnterpriseConfiguration: [
      "GET /enterprises/{enterprise}/code-security/configurations/{configuration_id}/repositories"
    ],
    getSingleConfigurationForEnterprise: [
      "GET /enterprises/{enterprise}/code-security/configurations/{configuration_id}"
    ],
    setConfigurationAsDefault: [
      "PUT /orgs/{org}/code-security/configurations/{configuration_id}/defaults"
    ],
    setConfigurationAsDefaultForEnterprise: [
      "PUT /enterprises/{enterprise}/code-security/configurations/{configuration_id}/defaults"
    ],
    updateConfiguration: [
      "PATCH /orgs/{org}/code-security/configurations/{configuration_id}"
    ],
    updateEnterpriseConfiguration: [
      "PATCH /enterprises/{enterprise}/code-security/configurations/{configuration_id}"
    ]
  },
  codesOfConduct: {
    getAllCodesOfConduct: ["GET /codes_of_conduct"],
    getConductCode: ["GET /codes_of_conduct/{key}"]
  },
  codespaces: {
    addRepositoryForSecretForAuthenticatedUser: [
      "PUT /user/codespaces/secrets/{secret_name}/repositories/{repository_id}"
    ],
    addSelectedRepoToOrgSecret: [
      "PUT /orgs/{org}/codespaces/secrets/{secret_name}/repositories/{repository_id}"
    ],
    checkPermissionsForDevcontainer: [
      "GET /repos/{owner}/{repo}/codespaces/permissions_check"
    ],
    codespaceMachinesForAuthenticatedUser: [
      "GET /user/codespaces/{codespace_name}/machines"
    ],
    createForAuthenticatedUser: ["POST /user/codespaces"],
    createOrUpdateOrgSecret: [
      "PUT /orgs/{org}/codespaces/secrets/{secret_name}"
    ],
    createOrUpdateRepoSecret: [
      "PUT /repos/{owner}/{repo}/codespaces/secrets/{secret_name}"
    ],
    createOrUpdateSecretForAuthenticatedUser: [
      "PUT /user/codespaces/secrets/{secret_name}"
    ],
    createWithPrForAuthenticatedUser: [
      "POST /repos/{owner}/{repo}/pulls/{pull_number}/codespaces"
    ],
    createWithRepoForAuthenticatedUser: [
      "POST /repos/{owner}/{repo}/codespaces"
    ],
    deleteForAuthenticatedUser: ["DELETE /user/codespaces/{codespace_name}"],
    deleteFromOrganization: [
      "DELETE /orgs/{org}/members/{username}/codespaces/{codespace_name}"
    ],
    deleteOrgSecret: ["DELETE /orgs/{org}/codespaces/secrets/{secret_name}"],
    deleteRepoSecret: [
      "DELETE /repos/{owner}/{repo}/codespaces/secrets/{secret_name}"
    ],
    deleteSecretForAuthenticatedUser: [
      "DELETE /user/codespaces/secrets/{secret_name}"
    ],
    exportForAuthenticatedUser: [
      "POST /user/codespaces/{codespace_name}/exports"
    ],
    getCodespacesForUserInOrg: [
      "GET /orgs/{org}/members/{username}/codespaces"
    ],
    getExportDetailsForAuthenticatedUser: [
      "GET /user/codespaces/{codespace_name}/exports/{export_id}"
    ],
    getForAuthenticatedUser: ["GET /user/codespaces/{codespace_name}"],
    getOrgPublicKey: ["GET /orgs/{org}/codespaces/secrets/public-key"],
    getOrgSecret: ["GET /orgs/{org}/codespaces/secrets/{secret_name}"],
    getPublicKeyForAuthenticatedUser: [
      "GET /user/codespaces/secrets/public-key"
    ],
    getRepoPublicKey: [
      "GET /repos/{owner}/{repo}/codespaces/secrets/public-key"
    ],
    getRepoSecret: [
      "GET /repos/{owner}/{repo}/codespaces/secrets/{secret_name}"
    ],
    getSecretForAuthenticatedUser: [
      "GET /user/codespaces/secrets/{secret_name}"
    ],
    listDevcontainersInRepositoryForAuthenticatedUser: [
      "GET /repos/{owner}/{repo}/codespaces/devcontainers"
    ],
    listForAuthenticatedUser: ["GET /user/codespaces"],
    listInOrganization: [
      "GET /orgs/{org}/codespaces",
      {},
      { renamedParameters: { org_id: "org" } }
    ],
    listInRepositoryForAuthenticatedUser: [
      "GET /repos/{owner}/{repo}/codespaces"
    ],
    listOrgSecrets: ["GET /orgs/{org}/codespaces/secrets"],
    listRepoSecrets: ["GET /repos/{owner}/{repo}/codespaces/secrets"],
    listRepositoriesForSecretForAuthenticatedUser: [
      "GET /user/codespaces/secrets/{secret_name}/repositories"
    ],
    listSecretsForAuthenticatedUser: ["GET /user/codespaces/secrets"],
    listSelectedReposForOrgSecret: [
      "GET /orgs/{org}/codespaces/secrets/{secret_name}/repositories"
    ],
    preFlightWithRepoForAuthenticatedUser: [
      "GET /repos/{owner}/{repo}/codespaces/new"
    ],
    publishForAuthenticatedUser: [
      "POST /user/codespaces/{codespace_name}/publish"
    ],
    removeRepositoryForSecretForAuthenticatedUser: [
      "DELETE /user/codespaces/secrets/{secret_name}/repositories/{repository_id}"
    ],
    removeSelectedRepoFromOrgSecret: [
      "DELETE /orgs/{org}/codespaces/secrets/{secret_name}/repositories/{repository_id}"
    ],
    repoMachinesForAuthenticatedUser: [
      "GET /repos/{owner}/{repo}/codespaces/machines"
    ],
    setRepositoriesForSecretForAuthenticatedUser: [
      "PUT /user/codespaces/secrets/{secret_name}/repositories"
    ],
    setSelectedReposForOrgSecret: [
      "PUT /orgs/{org}/codespaces/secrets/{secret_name}/repositories"
    ],
    startForAuthenticatedUser: ["POST /user/codespaces/{codespace_name}/start"],
    stopForAuthenticatedUser: ["POST /user/codespaces/{codespace_name}/stop"],
    stopInOrganization: [
      "POST /orgs/{org}/members/{username}/codespaces/{codespace_name}/stop"
    ],
    updateForAuthenticatedUser: ["PATCH /user/codespaces/{codespace_name}"]
  },
  copilot: {
    addCopilotSeatsForTeams: [
      "POST /orgs/{org}/copilot/billing/selected_teams"
    ],
    addCopilotSeatsForUsers: [
      "POST /orgs/{org}/copilot/billing/selected_users"
    ],
    cancelCopilotSeatAssignmentForTeams: [
      "DELETE /orgs/{org}/copilot/billing/selected_teams"
    ],
    cancelCopilotSeatAssignmentForUsers: [
      "DELETE /orgs/{org}/copilot/billing/selected_users"
    ],
    copilotMetricsForOrganization: ["GET /orgs/{org}/copilot/metrics"],
    copilotMetricsForTeam: ["GET /orgs/{org}/team/{team_slug}/copilot/metrics"],
    getCopilotOrganizationDetails: ["GET /orgs/{org}/copilot/billing"],
    getCopilotSeatDetailsForUser: [
      "GET /orgs/{org}/members/{username}/copilot"
    ],
    listCopilotSeats: ["GET /orgs/{org}/copilot/billing/seats"]
  },
  credentials: { revoke: ["POST /credentials/revoke"] },
  dependabot: {
    addSelectedRepoToOrgSecret: [
      "PUT /orgs/{org}/dependabot/secrets/{secret_name}/repositories/{repository_id}"
    ],
    createOrUpdateOrgSecret: [
      "PUT /orgs/{org}/dependabot/secrets/{secret_name}"
    ],
    createOrUpdateRepoSecret: [
      "PUT /repos/{owner}/{repo}/dependabot/secrets/{secret_name}"
    ],
    deleteOrgSecret: ["DELETE /orgs/{org}/dependabot/secrets/{secret_name}"],
    deleteRepoSecret: [
      "DELETE /repos/{owner}/{repo}/dependabot/secrets/{secret_name}"
    ],
    getAlert: ["GET /repos/{owner}/{repo}/dependabot/alerts/{alert_number}"],
    getOrgPublicKey: ["GET /orgs/{org}/dependabot/secrets/public-key"],
    getOrgSecret: ["GET /orgs/{org}/dependabot/secrets/{secret_name}"],
    getRepoPublicKey: [
      "GET /repos/{owner}/{repo}/dependabot/secrets/public-key"
    ],
    getRepoSecret: [
      "GET /repos/{owner}/{repo}/dependabot/secrets/{secret_name}"
    ],
    listAlertsForEnterprise: [
      "GET /enterprises/{enterprise}/dependabot/alerts"
    ],
    listAlertsForOrg: ["GET /orgs/{org}/dependabot/alerts"],
    listAlertsForRepo: ["GET /repos/{owner}/{repo}/dependabot/alerts"],
    listOrgSecrets: ["GET /orgs/{org}/dependabot/secrets"],
    listRepoSecrets: ["GET /repos/{owner}/{repo}/dependabot/secrets"],
    listSelectedReposForOrgSecret: [
      "GET /orgs/{org}/dependabot/secrets/{secret_name}/repositories"
    ],
    removeSelectedRepoFromOrgSecret: [
      "DELETE /orgs/{org}/dependabot/secrets/{secret_name}/repositories/{repository_id}"
    ],
    repositoryAccessForOrg: [
      "GET /organizations/{org}/dependabot/repository-access"
    ],
    setRepositoryAccessDefaultLevel: [
      "PUT /organizations/{org}/dependabot/repository-access/default-level"
    ],
    setSelectedReposForOrgSecret: [
      "PUT /orgs/{org}/dependabot/secrets/{secret_name}/repositories"
    ],
    updateAlert: [
      "PATCH /repos/{owner}/{repo}/dependabot/alerts/{alert_number}"
    ],
    updateRepositoryAccessForOrg: [
      "PATCH /organizations/{org}/dependabot/repository-access"
    ]
  },
  dependencyGraph: {
    createRepositorySnapshot: [
      "POST /repos/{owner}/{repo}/dependency-graph/snapshots"
    ],
    diffRange: [
      "GET /repos/{owner}/{repo}/dependency-graph/compare/{basehead}"
    ],
    exportSbom: ["GET /repos/{owner}/{repo}/dependency-graph/sbom"]
  },
  emojis: { get: ["GET /emojis"] },
  enterpriseTeamMemberships: {
    add: [
      "PUT /enterprises/{enterprise}/teams/{enterprise-team}/memberships/{username}"
    ],
    bulkAdd: [
      "POST /enterprises/{enterprise}/teams/{enterprise-team}/memberships/add"
    ],
    bulkRemove: [
      "POST /enterprises/{enterprise}/teams/{enterprise-team}/memberships/remove"
    ],
    get: [
      "GET /enterprises/{enterprise}/teams/{enterprise-team}/memberships/{username}"
    ],
    list: ["GET /enterprises/{enterprise}/teams/{enterprise-team}/memberships"],
    remove: [
      "DELETE /enterprises/{enterprise}/teams/{enterprise-team}/memberships/{username}"
    ]
  },
  enterpriseTeamOrganizations: {
    add: [
      "PUT /enterprises/{enterprise}/teams/{enterprise-team}/organizations/{org}"
    ],
    bulkAdd: [
      "POST /enterprises/{enterprise}/teams/{enterprise-team}/organizations/add"
    ],
    bulkRemove: [
      "POST /enterprises/{enterprise}/teams/{enterprise-team}/organizations/remove"
    ],
    delete: [
      "DELETE /enterprises/{enterprise}/teams/{enterprise-team}/organizations/{org}"
    ],
    getAssignment: [
      "GET /enterprises/{enterprise}/teams/{enterprise-team}/organizations/{org}"
    ],
    getAssignments: [
      "GET /enterprises/{enterprise}/teams/{enterprise-team}/organizations"
    ]
  },
  enterpriseTeams: {
    create: ["POST /enterprises/{enterprise}/teams"],
    delete: ["DELETE /enterprises/{enterprise}/teams/{team_slug}"],
    get: ["GET /enterprises/{enterprise}/teams/{team_slug}"],
    list: ["GET /enterprises/{enterprise}/teams"],
    update: ["PATCH /enterprises/{enterprise}/teams/{team_slug}"]
  },
  gists: {
    checkIsStarred: ["GET /gists/{gist_id}/star"],
    create: ["POST /gists"],
    createComment: ["POST /gists/{gist_id}/comments"],
    delete: ["DELETE /gists/{gist_id}"],
    deleteComment: ["DELETE /gists/{gist_id}/comments/{comment_id}"],
    fork: ["POST /gists/{gist_id}/forks"],
    get: ["GET /gists/{gist_id}"],
    getComment: ["GET /gists/{gist_id}/comments/{comment_id}"],
    getRevision: ["GET /gists/{gist_id}/{sha}"],
    list: ["GET /gists"],
    listComments: ["GET /gists/{gist_id}/comments"],
    listCommits: ["GET /gists/{gist_id}/commits"],
    listForUser: ["GET /users/{username}/gists"],
    listForks: ["GET /gists/{gist_id}/forks"],
    listPublic: ["GET /gists/public"],
    listStarred: ["GET /gists/starred"],
    star: ["PUT /gists/{gist_id}/star"],
    unstar: ["DELETE /gists/{gist_id}/star"],
    update: ["PATCH /gists/{gist_id}"],
    updateComment: ["PATCH /gists/{gist_id}/comments/{comment_id}"]
  },
  git: {
    createBlob: ["POST /repos/{owner}/{repo}/git/blobs"],
    createCommit: ["POST /repos/{owner}/{repo}/git/commits"],
    createRef: ["POST /repos/{owner}/{repo}/git/refs"],
    createTag: ["POST /repos/{owner}/{repo}/git/tags"],
    createTree: ["POST /repos/{owner}/{repo}/git/trees"],
    deleteRef: ["DELETE /repos/{owner}/{repo}/git/refs/{ref}"],
    getBlob: ["GET /repos/{owner}/{repo}/git/blobs/{file_sha}"],
    getCommit: ["GET /repos/{owner}/{repo}/git/commits/{commit_sha}"],
    getRef: ["GET /repos/{owner}/{repo}/git/ref/{ref}"],
    getTag: ["GET /repos/{owner}/{repo}/git/tags/{tag_sha}"],
    getTree: ["GET /repos/{owner}/{repo}/git/trees/{tree_sha}"],
    listMatchingRefs: ["GET /repos/{owner}/{repo}/git/matching-refs/{ref}"],
    updateRef: ["PATCH /repos/{owner}/{repo}/git/refs/{ref}"]
  },
  gitignore: {
    getAllTemplates: ["GET /gitignore/templates"],
    getTemplate: ["GET /gitignore/templates/{name}"]
  },
  hostedCompute: {
    createNetworkConfigurationForOrg: [
      "POST /orgs/{org}/settings/network-configurations"
    ],
    deleteNetworkConfigurationFromOrg: [
      "DELETE /orgs/{org}/settings/network-configurations/{network_configuration_id}"
    ],
    getNetworkConfigurationForOrg: [
      "GET /orgs/{org}/settings/network-configurations/{network_configuration_id}"
    ],
    getNetworkSettingsForOrg: [
      "GET /orgs/{org}/settings/network-settings/{network_settings_id}"
    ],
    listNetworkConfigurationsForOrg: [
      "GET /orgs/{org}/settings/network-configurations"
    ],
    updateNetworkConfigurationForOrg: [
      "PATCH /orgs/{org}/settings/network-configurations/{network_configuration_id}"
    ]
  },
  interactions: {
    getRestrictionsForAuthenticatedUser: ["GET /user/interaction-limits"],
    getRestrictionsForOrg: ["GET /orgs/{org}/interaction-limits"],
    getRestrictionsForRepo: ["GET /repos/{owner}/{repo}/interaction-limits"],
    getRestrictionsForYourPublicRepos: [
      "GET /user/interaction-limits",
      {},
      { renamed: ["interactions", "getRestrictionsForAuthenticatedUser"] }
    ],
    removeRestrictionsForAuthenticatedUser: ["DELETE /user/interaction-limits"],
    removeRestrictionsForOrg: ["DELETE /orgs/{org}/interaction-limits"],
    removeRestrictionsForRepo: [
      "DELETE /repos/{owner}/{repo}/interaction-limits"
    ],
    removeRestrictionsForYourPublicRepos: [
      "DELETE /user/interaction-limits",
      {},
      { renamed: ["interactions", "removeRestrictionsForAuthenticatedUser"] }
    ],
    setRestrictionsForAuthenticatedUser: ["PUT /user/interaction-limits"],
    setRestrictionsForOrg: ["PUT /orgs/{org}/interaction-limits"],
    setRestrictionsForRepo: ["PUT /repos/{owner}/{repo}/interaction-limits"],
    setRestrictionsForYourPublicRepos: [
      "PUT /user/interaction-limits",
      {},
      { renamed: ["interactions", "setRestrictionsForAuthenticatedUser"] }
    ]
  },
  issues: {
    addAssignees: [
      "POST /repos/{owner}/{repo}/issues/{issue_number}/assignees"
    ],
    addBlockedByDependency: [
      "POST /repos/{owner}/{repo}/issues/{issue_number}/dependencies/blocked_by"
    ],
    addLabels: ["POST /repos/{owner}/{repo}/issues/{issue_number}/labels"],
    addSubIssue: [
      "POST /repos/{owner}/{repo}/issues/{issue_number}/sub_issues"
    ],
    checkUserCanBeAssigned: ["GET /repos/{owner}/{repo}/assignees/{assignee}"],
    checkUserCanBeAssignedToIssue: [
      "GET /repos/{owner}/{repo}/issues/{issue_number}/assignees/{assignee}"
    ],
    create: ["POST /repos/{owner}/{repo}/issues"],
    createComment: [
      "POST /repos/{owner}/{repo}/issues/{issue_number}/comments"
    ],
    createLabel: ["POST /repos/{owner}/{repo}/labels"],
    createMilestone: ["POST /repos/{owner}/{repo}/milestones"],
    deleteComment: [
      "DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}"
    ],
    deleteLabel: ["DELETE /repos/{owner}/{repo}/labels/{name}"],
    deleteMilestone: [
      "DELETE /repos/{owner}/{repo}/milestones/{milestone_number}"
    ],
    get: ["GET /repos/{owner}/{repo}/issues/{issue_number}"],
    getComment: ["GET /repos/{owner}/{repo}/issues/comments/{comment_id}"],
    getEvent: ["GET /repos/{owner}/{repo}/issues/events/{event_id}"],
    getLabel: ["GET /repos/{owner}/{repo}/labels/{name}"],
    getMilestone: ["GET /repos/{owner}/{repo}/milestones/{milestone_number}"],
    getParent: ["GET /repos/{owner}/{repo}/issues/{issue_number}/parent"],
    list: ["GET /issues"],
    listAssignees: ["GET /repos/{owner}/{repo}/assignees"],
    listComments: ["GET /repos/{owner}/{repo}/issues/{issue_number}/comments"],
    listCommentsForRepo: ["GET /repos/{owner}/{repo}/issues/comments"],
    listDependenciesBlockedBy: [
      "GET /repos/{owner}/{repo}/issues/{issue_number}/dependencies/blocked_by"
    ],
    listDependenciesBlocking: [
      "GET /repos/{owner}/{repo}/issues/{issue_number}/dependencies/blocking"
    ],
    listEvents: ["GET /repos/{owner}/{repo}/issues/{issue_number}/events"],
    listEventsForRepo: ["GET /repos/{owner}/{repo}/issues/events"],
    listEventsForTimeline: [
      "GET /repos/{owner}/{repo}/issues/{issue_number}/timeline"
    ],
    listForAuthenticatedUser: ["GET /user/issues"],
    listForOrg: ["GET /orgs/{org}/issues"],
    listForRepo: ["GET /repos/{owner}/{repo}/issues"],
    listLabelsForMilestone: [
      "GET /repos/{owner}/{repo}/milestones/{milestone_number}/labels"
    ],
    listLabelsForRepo: ["GET /repos/{owner}/{repo}/labels"],
    listLabelsOnIssue: [
      "GET /repos/{owner}/{repo}/issues/{issue_number}/labels"
    ],
    listMilestones: ["GET /repos/{owner}/{repo}/milestones"],
    listSubIssues: [
      "GET /repos/{owner}/{repo}/issues/{issue_number}/sub_issues"
    ],
    lock: ["PUT /repos/{owner}/{repo}/issues/{issue_number}/lock"],
    removeAllLabels: [
      "DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels"
    ],
    removeAssignees: [
      "DELETE /repos/{owner}/{repo}/issues/{issue_number}/assignees"
    ],
    removeDependencyBlockedBy: [
      "DELETE /repos/{owner}/{repo}/issues/{issue_number}/dependencies/blocked_by/{issue_id}"
    ],
    removeLabel: [
      "DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}"
    ],
    removeSubIssue: [
      "DELETE /repos/{owner}/{repo}/issues/{issue_number}/sub_issue"
    ],
    reprioritizeSubIssue: [
      "PATCH /repos/{owner}/{repo}/issues/{issue_number}/sub_issues/priority"
    ],
    setLabels: ["PUT /repos/{owner}/{repo}/issues/{issue_number}/labels"],
    unlock: ["DELETE /repos/{owner}/{repo}/issues/{issue_number}/lock"],
    update: ["PATCH /repos/{owner}/{repo}/issues/{issue_number}"],
    updateComment: ["PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}"],
    updateLabel: ["PATCH /repos/{owner}/{repo}/labels/{name}"],
    updateMilestone: [
      "PATCH /repos/{owner}/{repo}/milestones/{milestone_number}"
    ]
  },
  licenses: {
    get: ["GET /licenses/{license}"],
    getAllCommonlyUsed: ["GET /licenses"],
    getForRepo: ["GET /repos/{owner}/{repo}/license"]
  },
  markdown: {
    render: ["POST /markdown"],
    renderRaw: [
      "POST /markdown/raw",
      { headers: { "content-type": "text/plain; charset=utf-8" } }
    ]
  },
  meta: {
    get: ["GET /meta"],
    getAllVersions: ["GET /versions"],
    getOctocat: ["GET /octocat"],
    getZen: ["GET /zen"],
    root: ["GET /"]
  },
  migrations: {
    deleteArchiveForAuthenticatedUser: [
      "DELETE /user/migrations/{migration_id}/archive"
    ],
    deleteArchiveForOrg: [
      "DELETE /orgs/{org}/migrations/{migration_id}/archive"
    ],
    downloadArchiveForOrg: [
      "GET /orgs/{org}/migrations/{migration_id}/archive"
    ],
    getArchiveForAuthenticatedUser: [
      "GET /user/migrations/{migration_id}/archive"
    ],
    getStatusForAuthenticatedUser: ["GET /user/migrations/{migration_id}"],
    getStatusForOrg: ["GET /orgs/{org}/migrations/{migration_id}"],
    listForAuthenticatedUser: ["GET /user/migrations"],
    listForOrg: ["GET /orgs/{org}/migrations"],
    listReposForAuthenticatedUser: [
      "GET /user/migrations/{migration_id}/repositories"
    ],
    listReposForOrg: ["GET /orgs/{org}/migrations/{migration_id}/repositories"],
    listReposForUser: [
      "GET /user/migrations/{migration_id}/repositories",
      {},
      { renamed: ["migrations", "listReposForAuthenticatedUser"] }
    ],
    startForAuthenticatedUser: ["POST /user/migrations"],
    startForOrg: ["POST /orgs/{org}/migrations"],
    unlockRepoForAuthenticatedUser: [
      "DELETE /user/migrations/{migration_id}/repos/{repo_name}/lock"
    ],
    unlockRepoForOrg: [
      "DELETE /orgs/{org}/migrations/{migration_id}/repos/{repo_name}/lock"
    ]
  },
  oidc: {
    getOidcCustomSubTemplateForOrg: [
      "GET /orgs/{org}/actions/oidc/customization/sub"
    ],
    updateOidcCustomSubTemplateForOrg: [
      "PUT /orgs/{org}/actions/oidc/customization/sub"
    ]
  },
  orgs: {
    addSecurityManagerTeam: [
      "PUT /orgs/{org}/security-managers/teams/{team_slug}",
      {},
      {
        deprecated: "octokit.rest.orgs.addSecurityManagerTeam() is deprecated, see https://docs.github.com/rest/orgs/security-managers#add-a-security-manager-team"
      }
    ],
    assignTeamToOrgRole: [
      "PUT /orgs/{org}/organization-roles/teams/{team_slug}/{role_id}"
    ],
    assignUserToOrgRole: [
      "PUT /orgs/{org}/organization-roles/users/{username}/{role_id}"
    ],
    blockUser: ["PUT /orgs/{org}/blocks/{username}"],
    cancelInvitation: ["DELETE /orgs/{org}/invitations/{invitation_id}"],
    checkBlockedUser: ["GET /orgs/{org}/blocks/{username}"],
    checkMembershipForUser: ["GET /orgs/{org}/members/{username}"],
    checkPublicMembershipForUser: ["GET /orgs/{org}/public_members/{username}"],
    convertMemberToOutsideCollaborator: [
      "PUT /orgs/{org}/outside_collaborators/{username}"
    ],
    createArtifactStorageRecord: [
      "POST /orgs/{org}/artifacts/metadata/storage-record"
    ],
    createInvitation: ["POST /orgs/{org}/invitations"],
    createIssueType: ["POST /orgs/{org}/issue-types"],
    createWebhook: ["POST /orgs/{org}/hooks"],
    customPropertiesForOrgsCreateOrUpdateOrganizationValues: [
      "PATCH /organizations/{org}/org-properties/values"
    ],
    customPropertiesForOrgsGetOrganizationValues: [
      "GET /organizations/{org}/org-properties/values"
    ],
    customPropertiesForReposCreateOrUpdateOrganizationDefinition: [
      "PUT /orgs/{org}/properties/schema/{custom_property_name}"
    ],
    customPropertiesForReposCreateOrUpdateOrganizationDefinitions: [
      "PATCH /orgs/{org}/properties/schema"
    ],
    customPropertiesForReposCreateOrUpdateOrganizationValues: [
      "PATCH /orgs/{org}/properties/values"
    ],
    customPropertiesForReposDeleteOrganizationDefinition: [
      "DELETE /orgs/{org}/properties/schema/{custom_property_name}"
    ],
    customPropertiesForReposGetOrganizationDefinition: [
      "GET /orgs/{org}/properties/schema/{custom_property_name}"
    ],
    customPropertiesForReposGetOrganizationDefinitions: [
      "GET /orgs/{org}/properties/schema"
    ],
    customPropertiesForReposGetOrganizationValues: [
      "GET /orgs/{org}/properties/values"
    ],
    delete: ["DELETE /orgs/{org}"],
    deleteAttestationsBulk: ["POST /orgs/{org}/attestations/delete-request"],
    deleteAttestationsById: [
      "DELETE /orgs/{org}/attestations/{attestation_id}"
    ],
    deleteAttestationsBySubjectDigest: [
      "DELETE /orgs/{org}/attestations/digest/{subject_digest}"
    ],
    deleteIssueType: ["DELETE /orgs/{org}/issue-types/{issue_type_id}"],
    deleteWebhook: ["DELETE /orgs/{org}/hooks/{hook_id}"],
    disableSelectedRepositoryImmutableReleasesOrganization: [
      "DELETE /orgs/{org}/settings/immutable-releases/repositories/{repository_id}"
    ],
    enableSelectedRepositoryImmutableReleasesOrganization: [
      "PUT /orgs/{org}/settings/immutable-releases/repositories/{repository_id}"
    ],
    get: ["GET /orgs/{org}"],
    getImmutableReleasesSettings: [
      "GET /orgs/{org}/settings/immutable-releases"
    ],
    getImmutableReleasesSettingsRepositories: [
      "GET /orgs/{org}/settings/immutable-releases/repositories"
    ],
    getMembershipForAuthenticatedUser: ["GET /user/memberships/orgs/{org}"],
    getMembershipForUser: ["GET /orgs/{org}/memberships/{username}"],
    getOrgRole: ["GET /orgs/{org}/organization-roles/{role_id}"],
    getOrgRulesetHistory: ["GET /orgs/{org}/rulesets/{ruleset_id}/history"],
    getOrgRulesetVersion: [
      "GET /orgs/{org}/rulesets/{ruleset_id}/history/{version_id}"
    ],
    getWebhook: ["GET /orgs/{org}/hooks/{hook_id}"],
    getWebhookConfigForOrg: ["GET /orgs/{org}/hooks/{hook_id}/config"],
    getWebhookDelivery: [
      "GET /orgs/{org}/hooks/{hook_id}/deliveries/{delivery_id}"
    ],
    list: ["GET /organizations"],
    listAppInstallations: ["GET /orgs/{org}/installations"],
    listArtifactStorageRecords: [
      "GET /orgs/{org}/artifacts/{subject_digest}/metadata/storage-records"
    ],
    listAttestationRepositories: ["GET /orgs/{org}/attestations/repositories"],
    listAttestations: ["GET /orgs/{org}/attestations/{subject_digest}"],
    listAttestationsBulk: [
      "POST /orgs/{org}/attestations/bulk-list{?per_page,before,after}"
    ],
    listBlockedUsers: ["GET /orgs/{org}/blocks"],
    listFailedInvitations: ["GET /orgs/{org}/failed_invitations"],
    listForAuthenticatedUser: ["GET /user/orgs"],
    listForUser: ["GET /users/{username}/orgs"],
    listInvitationTeams: ["GET /orgs/{org}/invitations/{invitation_id}/teams"],
    listIssueTypes: ["GET /orgs/{org}/issue-types"],
    listMembers: ["GET /orgs/{org}/members"],
    listMembershipsForAuthenticatedUser: ["GET /user/memberships/orgs"],
    listOrgRoleTeams: ["GET /orgs/{org}/organization-roles/{role_id}/teams"],
    listOrgRoleUsers: ["GET /orgs/{org}/organization-roles/{role_id}/users"],
    listOrgRoles: ["GET /orgs/{org}/organization-roles"],
    listOrganizationFineGrainedPermissions: [
      "GET /orgs/{org}/organization-fine-grained-permissions"
    ],
    listOutsideCollaborators: ["GET /orgs/{org}/outside_collaborators"],
    listPatGrantRepositories: [
      "GET /orgs/{org}/personal-access-tokens/{pat_id}/repositories"
    ],
    listPatGrantRequestRepositories: [
      "GET /orgs/{org}/personal-access-token-requests/{pat_request_id}/repositories"
    ],
    listPatGrantRequests: ["GET /orgs/{org}/personal-access-token-requests"],
    listPatGrants: ["GET /orgs/{org}/personal-access-tokens"],
    listPendingInvitations: ["GET /orgs/{org}/invitations"],
    listPublicMembers: ["GET /orgs/{org}/public_members"],
    listSecurityManagerTeams: [
      "GET /orgs/{org}/security-managers",
      {},
      {
        deprecated: "octokit.rest.orgs.listSecurityManagerTeams() is deprecated, see https://docs.github.com/rest/orgs/security-managers#list-security-manager-teams"
      }
    ],
    listWebhookDeliveries: ["GET /orgs/{org}/hooks/{hook_id}/deliveries"],
    listWebhooks: ["GET /orgs/{org}/hooks"],
    pingWebhook: ["POST /orgs/{org}/hooks/{hook_id}/pings"],
    redeliverWebhookDelivery: [
      "POST /orgs/{org}/hooks/{hook_id}/deliveries/{delivery_id}/attempts"
    ],
    removeMember: ["DELETE /orgs/{org}/members/{username}"],
    removeMembershipForUser: ["DELETE /orgs/{org}/memberships/{username}"],
    removeOutsideCollaborator: [
      "DELETE /orgs/{org}/outside_collaborators/{username}"
    ],
    removePublicMembershipForAuthenticatedUser: [
      "DELETE /orgs/{org}/public_members/{username}"
    ],
    removeSecurityManagerTeam: [
      "DELETE /orgs/{org}/security-managers/teams/{team_slug}",
      {},
      {
        deprecated: "octokit.rest.orgs.removeSecurityManagerTeam() is deprecated, see https://docs.github.com/rest/orgs/security-managers#remove-a-security-manager-team"
      }
    ],
    reviewPatGrantRequest: [
      "POST /orgs/{org}/personal-access-token-requests/{pat_request_id}"
    ],
    reviewPatGrantRequestsInBulk: [
      "POST /orgs/{org}/personal-access-token-requests"
    ],
    revokeAllOrgRolesTeam: [
      "DELETE /orgs/{org}/organization-roles/teams/{team_slug}"
    ],
    revokeAllOrgRolesUser: [
      "DELETE /orgs/{org}/organization-roles/users/{username}"
    ],
    revokeOrgRoleTeam: [
      "DELETE /orgs/{org}/organization-roles/teams/{team_slug}/{role_id}"
    ],
    revokeOrgRoleUser: [
      "DELETE /orgs/{org}/organization-roles/users/{username}/{role_id}"
    ],
    setImmutableReleasesSettings: [
      "PUT /orgs/{org}/settings/immutable-releases"
    ],
    setImmutableReleasesSettingsRepositories: [
      "PUT /orgs/{org}/settings/immutable-releases/repositories"
    ],
    setMembershipForUser: ["PUT /orgs/{org}/memberships/{username}"],
    setPublicMembershipForAuthenticatedUser: [
      "PUT /orgs/{org}/public_members/{username}"
    ],
    unblockUser: ["DELETE /orgs/{org}/blocks/{username}"],
    update: ["PATCH /orgs/{org}"],
    updateIssueType: ["PUT /orgs/{org}/issue-types/{issue_type_id}"],
    updateMembershipForAuthenticatedUser: [
      "PATCH /user/memberships/orgs/{org}"
    ],
    updatePatAccess: ["POST /orgs/{org}/personal-access-tokens/{pat_id}"],
    updatePatAccesses: ["POST /orgs/{org}/personal-access-tokens"],
    updateWebhook: ["PATCH /orgs/{org}/hooks/{hook_id}"],
    updateWebhookConfigForOrg: ["PATCH /orgs/{org}/hooks/{hook_id}/config"]
  },
  packages: {
    deletePackageForAuthenticatedUser: [
      "DELETE /user/packages/{package_type}/{package_name}"
    ],
    deletePackageForOrg: [
      "DELETE /orgs/{org}/packages/{package_type}/{package_name}"
    ],
    deletePackageForUser: [
      "DELETE /users/{username}/packages/{package_type}/{package_name}"
    ],
    deletePackageVersionForAuthenticatedUser: [
      "DELETE /user/packages/{package_type}/{package_name}/versions/{package_version_id}"
    ],
    deletePackageVersionForOrg: [
      "DELETE /orgs/{org}/packages/{package_type}/{package_name}/versions/{package_version_id}"
    ],
    deletePackageVersionForUser: [
      "DELETE /users/{username}/packages/{package_type}/{package_name}/versions/{package_version_id}"
    ],
    getAllPackageVersionsForAPackageOwnedByAnOrg: [
      "GET /orgs/{org}/packages/{package_type}/{package_name}/versions",
      {},
      { renamed: ["packages", "getAllPackageVersionsForPackageOwnedByOrg"] }
    ],
    getAllPackageVersionsForAPackageOwnedByTheAuthenticatedUser: [
      "GET /user/packages/{package_type}/{package_name}/versions",
      {},
      {
        renamed: [
          "packages",
          "getAllPackageVersionsForPackageOwnedByAuthenticatedUser"
        ]
      }
    ],
    getAllPackageVersionsForPackageOwnedByAuthenticatedUser: [
      "GET /user/packages/{package_type}/{package_name}/versions"
    ],
    getAllPackageVersionsForPackageOwnedByOrg: [
      "GET /orgs/{org}/packages/{package_type}/{package_name}/versions"
    ],
    getAllPackageVersionsForPackageOwnedByUser: [
      "GET /users/{username}/packages/{package_type}/{package_name}/versions"
    ],
    getPackageForAuthenticatedUser: [
      "GET /user/packages/{package_type}/{package_name}"
    ],
    getPackageForOrganization: [
      "GET /orgs/{org}/packages/{package_type}/{package_name}"
    ],
    getPackageForUser: [
      "GET /users/{username}/packages/{package_type}/{package_name}"
    ],
    getPackageVersionForAuthenticatedUser: [
      "GET /user/packages/{package_type}/{package_name}/versions/{package_version_id}"
    ],
    getPackageVersionForOrganization: [
      "GET /orgs/{org}/packages/{package_type}/{package_name}/versions/{package_version_id}"
    ],
    getPackageVersionForUser: [
      "GET /users/{username}/packages/{package_type}/{package_name}/versions/{package_version_id}"
    ],
    listDockerMigrationConflictingPackagesForAuthenticatedUser: [
      "GET /user/docker/conflicts"
    ],
    listDockerMigrationConflictingPackagesForOrganization: [
      "GET /orgs/{org}/docker/conflicts"
    ],
    listDockerMigrationConflictingPackagesForUser: [
      "GET /users/{username}/docker/conflicts"
    ],
    listPackagesForAuthenticatedUser: ["GET /user/packages"],
    listPackagesForOrganization: ["GET /orgs/{org}/packages"],
    listPackagesForUser: ["GET /users/{username}/packages"],
    restorePackageForAuthenticatedUser: [
      "POST /user/packages/{package_type}/{package_name}/restore{?token}"
    ],
    restorePackageForOrg: [
      "POST /orgs/{org}/packages/{package_type}/{package_name}/restore{?token}"
    ],
    restorePackageForUser: [
      "POST /users/{username}/packages/{package_type}/{package_name}/restore{?token}"
    ],
    restorePackageVersionForAuthenticatedUser: [
      "POST /user/packages/{package_type}/{package_name}/versions/{package_version_id}/restore"
    ],
    restorePackageVersionForOrg: [
      "POST /orgs/{org}/packages/{package_type}/{package_name}/versions/{package_version_id}/restore"
    ],
    restorePackageVersionForUser: [
      "POST /users/{username}/packages/{package_type}/{package_name}/versions/{package_version_id}/restore"
    ]
  },
  privateRegistries: {
    createOrgPrivateRegistry: ["POST /orgs/{org}/private-registries"],
    deleteOrgPrivateRegistry: [
      "DELETE /orgs/{org}/private-registries/{secret_name}"
    ],
    getOrgPrivateRegistry: ["GET /orgs/{org}/private-registries/{secret_name}"],
    getOrgPublicKey: ["GET /orgs/{org}/private-registries/public-key"],
    listOrgPrivateRegistries: ["GET /orgs/{org}/private-registries"],
    updateOrgPrivateRegistry: [
      "PATCH /orgs/{org}/private-registries/{secret_name}"
    ]
  },
  projects: {
    addItemForOrg: ["POST /orgs/{org}/projectsV2/{project_number}/items"],
    addItemForUser: [
      "POST /users/{username}/projectsV2/{project_number}/items"
    ],
    deleteItemForOrg: [
      "DELETE /orgs/{org}/projectsV2/{project_number}/items/{item_id}"
    ],
    deleteItemForUser: [
      "DELETE /users/{username}/projectsV2/{project_number}/items/{item_id}"
    ],
    getFieldForOrg: [
      "GET /orgs/{org}/projectsV2/{project_number}/fields/{field_id}"
    ],
    getFieldForUser: [
      "GET /users/{username}/projectsV2/{project_number}/fields/{field_id}"
    ],
    getForOrg: ["GET /orgs/{org}/projectsV2/{project_number}"],
    getForUser: ["GET /users/{username}/projectsV2/{project_number}"],
    getOrgItem: ["GET /orgs/{org}/projectsV2/{project_number}/items/{item_id}"],
    getUserItem: [
      "GET /users/{username}/projectsV2/{project_number}/items/{item_id}"
    ],
    listFieldsForOrg: ["GET /orgs/{org}/projectsV2/{project_number}/fields"],
    listFieldsForUser: [
      "GET /users/{username}/projectsV2/{project_number}/fields"
    ],
    listForOrg: ["GET /orgs/{org}/projectsV2"],
    listForUser: ["GET /users/{username}/projectsV2"],
    listItemsForOrg: ["GET /orgs/{org}/projectsV2/{project_number}/items"],
    listItemsForUser: [
      "GET /users/{username}/projectsV2/{project_number}/items"
    ],
    updateItemForOrg: [
      "PATCH /orgs/{org}/projectsV2/{project_number}/items/{item_id}"
    ],
    updateItemForUser: [
      "PATCH /users/{username}/projectsV2/{project_number}/items/{item_id}"
    ]
  },
  pulls: {
    checkIfMerged: ["GET /repos/{owner}/{repo}/pulls/{pull_number}/merge"],
    create: ["POST /repos/{owner}/{repo}/pulls"],
    createReplyForReviewComment: [
      "POST /repos/{owner}/{repo}/pulls/{pull_number}/comments/{comment_id}/replies"
    ],
    createReview: ["POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews"],
    createReviewComment: [
      "POST /repos/{owner}/{repo}/pulls/{pull_number}/comments"
    ],
    deletePendingReview: [
      "DELETE /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}"
    ],
    deleteReviewComment: [
      "DELETE /repos/{owner}/{repo}/pulls/comments/{comment_id}"
    ],
    dismissReview: [
      "PUT /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}/dismissals"
    ],
    get: ["GET /repos/{owner}/{repo}/pulls/{pull_number}"],
    getReview: [
      "GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}"
    ],
    getReviewComment: ["GET /repos/{owner}/{repo}/pulls/comments/{comment_id}"],
    list: ["GET /repos/{owner}/{repo}/pulls"],
    listCommentsForReview: [
      "GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}/comments"
    ],
    listCommits: ["GET /repos/{owner}/{repo}/pulls/{pull_number}/commits"],
    listFiles: ["GET /repos/{owner}/{repo}/pulls/{pull_number}/files"],
    listRequestedReviewers: [
      "GET /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers"
    ],
    listReviewComments: [
      "GET /repos/{owner}/{repo}/pulls/{pull_number}/comments"
    ],
    listReviewCommentsForRepo: ["GET /repos/{owner}/{repo}/pulls/comments"],
    listReviews: ["GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews"],
    merge: ["PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge"],
    removeRequestedReviewers: [
      "DELETE /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers"
    ],
    requestReviewers: [
      "POST /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers"
    ],
    submitReview: [
      "POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}/events"
    ],
    update: ["PATCH /repos/{owner}/{repo}/pulls/{pull_number}"],
    updateBranch: [
      "PUT /repos/{owner}/{repo}/pulls/{pull_number}/update-branch"
    ],
    updateReview: [
      "PUT /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}"
    ],
    updateReviewComment: [
      "PATCH /repos/{owner}/{repo}/pulls/comments/{comment_id}"
    ]
  },
  rateLimit: { get: ["GET /rate_limit"] },
  reactions: {
    createForCommitComment: [
      "POST /repos/{owner}/{repo}/comments/{comment_id}/reactions"
    ],
    createForIssue: [
      "POST /repos/{owner}/{repo}/issues/{issue_number}/reactions"
    ],
    createForIssueComment: [
      "POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions"
    ],
    createForPullRequestReviewComment: [
      "POST /repos/{owner}/{repo}/pulls/comments/{comment_id}/reactions"
    ],
    createForRelease: [
      "POST /repos/{owner}/{repo}/releases/{release_id}/reactions"
    ],
    createForTeamDiscussionCommentInOrg: [
      "POST /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/comments/{comment_number}/reactions"
    ],
    createForTeamDiscussionInOrg: [
      "POST /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/reactions"
    ],
    deleteForCommitComment: [
      "DELETE /repos/{owner}/{repo}/comments/{comment_id}/reactions/{reaction_id}"
    ],
    deleteForIssue: [
      "DELETE /repos/{owner}/{repo}/issues/{issue_number}/reactions/{reaction_id}"
    ],
    deleteForIssueComment: [
      "DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions/{reaction_id}"
    ],
    deleteForPullRequestComment: [
      "DELETE /repos/{owner}/{repo}/pulls/comments/{comment_id}/reactions/{reaction_id}"
    ],
    deleteForRelease: [
      "DELETE /repos/{owner}/{repo}/releases/{release_id}/reactions/{reaction_id}"
    ],
    deleteForTeamDiscussion: [
      "DELETE /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/reactions/{reaction_id}"
    ],
    deleteForTeamDiscussionComment: [
      "DELETE /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/comments/{comment_number}/reactions/{reaction_id}"
    ],
    listForCommitComment: [
      "GET /repos/{owner}/{repo}/comments/{comment_id}/reactions"
    ],
    listForIssue: ["GET /repos/{owner}/{repo}/issues/{issue_number}/reactions"],
    listForIssueComment: [
      "GET /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions"
    ],
    listForPullRequestReviewComment: [
      "GET /repos/{owner}/{repo}/pulls/comments/{comment_id}/reactions"
    ],
    listForRelease: [
      "GET /repos/{owner}/{repo}/releases/{release_id}/reactions"
    ],
    listForTeamDiscussionCommentInOrg: [
      "GET /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/comments/{comment_number}/reactions"
    ],
    listForTeamDiscussionInOrg: [
      "GET /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/reactions"
    ]
  },
  repos: {
    acceptInvitation: [
      "PATCH /user/repository_invitations/{invitation_id}",
      {},
      { renamed: ["repos", "acceptInvitationForAuthenticatedUser"] }
    ],
    acceptInvitationForAuthenticatedUser: [
      "PATCH /user/repository_invitations/{invitation_id}"
    ],
    addAppAccessRestrictions: [
      "POST /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/apps",
      {},
      { mapToData: "apps" }
    ],
    addCollaborator: ["PUT /repos/{owner}/{repo}/collaborators/{username}"],
    addStatusCheckContexts: [
      "POST /repos/{owner}/{repo}/branches/{branch}/protection/required_status_checks/contexts",
      {},
      { mapToData: "contexts" }
    ],
    addTeamAccessRestrictions: [
      "POST /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/teams",
      {},
      { mapToData: "teams" }
    ],
    addUserAccessRestrictions: [
      "POST /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/users",
      {},
      { mapToData: "users" }
    ],
    cancelPagesDeployment: [
      "POST /repos/{owner}/{repo}/pages/deployments/{pages_deployment_id}/cancel"
    ],
    checkAutomatedSecurityFixes: [
      "GET /repos/{owner}/{repo}/automated-security-fixes"
    ],
    checkCollaborator: ["GET /repos/{owner}/{repo}/collaborators/{username}"],
    checkImmutableReleases: ["GET /repos/{owner}/{repo}/immutable-releases"],
    checkPrivateVulnerabilityReporting: [
      "GET /repos/{owner}/{repo}/private-vulnerability-reporting"
    ],
    checkVulnerabilityAlerts: [
      "GET /repos/{owner}/{repo}/vulnerability-alerts"
    ],
    codeownersErrors: ["GET /repos/{owner}/{repo}/codeowners/errors"],
    compareCommits: ["GET /repos/{owner}/{repo}/compare/{base}...{head}"],
    compareCommitsWithBasehead: [
      "GET /repos/{owner}/{repo}/compare/{basehead}"
    ],
    createAttestation: ["POST /repos/{owner}/{repo}/attestations"],
    createAutolink: ["POST /repos/{owner}/{repo}/autolinks"],
    createCommitComment: [
      "POST /repos/{owner}/{repo}/commits/{commit_sha}/comments"
    ],
    createCommitSignatureProtection: [
      "POST /repos/{owner}/{repo}/branches/{branch}/protection/required_signatures"
    ],
    createCommitStatus: ["POST /repos/{owner}/{repo}/statuses/{sha}"],
    createDeployKey: ["POST /repos/{owner}/{repo}/keys"],
    createDeployment: ["POST /repos/{owner}/{repo}/deployments"],
    createDeploymentBranchPolicy: [
      "POST /repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies"
    ],
    createDeploymentProtectionRule: [
      "POST /repos/{owner}/{repo}/environments/{environment_name}/deployment_protection_rules"
    ],
    createDeploymentStatus: [
      "POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses"
    ],
    createDispatchEvent: ["POST /repos/{owner}/{repo}/dispatches"],
    createForAuthenticatedUser: ["POST /user/repos"],
    createFork: ["POST /repos/{owner}/{repo}/forks"],
    createInOrg: ["POST /orgs/{org}/repos"],
    createOrUpdateEnvironment: [
      "PUT /repos/{owner}/{repo}/environments/{environment_name}"
    ],
    createOrUpdateFileContents: ["PUT /repos/{owner}/{repo}/contents/{path}"],
    createOrgRuleset: ["POST /orgs/{org}/rulesets"],
    createPagesDeployment: ["POST /repos/{owner}/{repo}/pages/deployments"],
    createPagesSite: ["POST /repos/{owner}/{repo}/pages"],
    createRelease: ["POST /repos/{owner}/{repo}/releases"],
    createRepoRuleset: ["POST /repos/{owner}/{repo}/rulesets"],
    createUsingTemplate: [
      "POST /repos/{template_owner}/{template_repo}/generate"
    ],
    createWebhook: ["POST /repos/{owner}/{repo}/hooks"],
    customPropertiesForReposCreateOrUpdateRepositoryValues: [
      "PATCH /repos/{owner}/{repo}/properties/values"
    ],
    customPropertiesForReposGetRepositoryValues: [
      "GET /repos/{owner}/{repo}/properties/values"
    ],
    declineInvitation: [
      "DELETE /user/repository_invitations/{invitation_id}",
      {},
      { renamed: ["repos", "declineInvitationForAuthenticatedUser"] }
    ],
    declineInvitationForAuthenticatedUser: [
      "DELETE /user/repository_invitations/{invitation_id}"
    ],
    delete: ["DELETE /repos/{owner}/{repo}"],
    deleteAccessRestrictions: [
      "DELETE /repos/{owner}/{repo}/branches/{branch}/protection/restrictions"
    ],
    deleteAdminBranchProtection: [
      "DELETE /repos/{owner}/{repo}/branches/{branch}/protection/enforce_admins"
    ],
    deleteAnEnvironment: [
      "DELETE /repos/{owner}/{repo}/environments/{environment_name}"
    ],
    deleteAutolink: ["DELETE /repos/{owner}/{repo}/autolinks/{autolink_id}"],
    deleteBranchProtection: [
      "DELETE /repos/{owner}/{repo}/branches/{branch}/protection"
    ],
    deleteCommitComment: ["DELETE /repos/{owner}/{repo}/comments/{comment_id}"],
    deleteCommitSignatureProtection: [
      "DELETE /repos/{owner}/{repo}/branches/{branch}/protection/required_signatures"
    ],
    deleteDeployKey: ["DELETE /repos/{owner}/{repo}/keys/{key_id}"],
    deleteDeployment: [
      "DELETE /repos/{owner}/{repo}/deployments/{deployment_id}"
    ],
    deleteDeploymentBranchPolicy: [
      "DELETE /repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies/{branch_policy_id}"
    ],
    deleteFile: ["DELETE /repos/{owner}/{repo}/contents/{path}"],
    deleteInvitation: [
      "DELETE /repos/{owner}/{repo}/invitations/{invitation_id}"
    ],
    deleteOrgRuleset: ["DELETE /orgs/{org}/rulesets/{ruleset_id}"],
    deletePagesSite: ["DELETE /repos/{owner}/{repo}/pages"],
    deletePullRequestReviewProtection: [
      "DELETE /repos/{owner}/{repo}/branches/{branch}/protection/required_pull_request_reviews"
    ],
    deleteRelease: ["DELETE /repos/{owner}/{repo}/releases/{release_id}"],
    deleteReleaseAsset: [
      "DELETE /repos/{owner}/{repo}/releases/assets/{asset_id}"
    ],
    deleteRepoRuleset: ["DELETE /repos/{owner}/{repo}/rulesets/{ruleset_id}"],
    deleteWebhook: ["DELETE /repos/{owner}/{repo}/hooks/{hook_id}"],
    disableAutomatedSecurityFixes: [
      "DELETE /repos/{owner}/{repo}/automated-security-fixes"
    ],
    disableDeploymentProtectionRule: [
      "DELETE /repos/{owner}/{repo}/environments/{environment_name}/deployment_protection_rules/{protection_rule_id}"
    ],
    disableImmutableReleases: [
      "DELETE /repos/{owner}/{repo}/immutable-releases"
    ],
    disablePrivateVulnerabilityReporting: [
      "DELETE /repos/{owner}/{repo}/private-vulnerability-reporting"
    ],
    disableVulnerabilityAlerts: [
      "DELETE /repos/{owner}/{repo}/vulnerability-alerts"
    ],
    downloadArchive: [
      "GET /repos/{owner}/{repo}/zipball/{ref}",
      {},
      { renamed: ["repos", "downloadZipballArchive"] }
    ],
    downloadTarballArchive: ["GET /repos/{owner}/{repo}/tarball/{ref}"],
    downloadZipballArchive: ["GET /repos/{owner}/{repo}/zipball/{ref}"],
    enableAutomatedSecurityFixes: [
      "PUT /repos/{owner}/{repo}/automated-security-fixes"
    ],
    enableImmutableReleases: ["PUT /repos/{owner}/{repo}/immutable-releases"],
    enablePrivateVulnerabilityReporting: [
      "PUT /repos/{owner}/{repo}/private-vulnerability-reporting"
    ],
    enableVulnerabilityAlerts: [
      "PUT /repos/{owner}/{repo}/vulnerability-alerts"
    ],
    generateReleaseNotes: [
      "POST /repos/{owner}/{repo}/releases/generate-notes"
    ],
    get: ["GET /repos/{owner}/{repo}"],
    getAccessRestrictions: [
      "GET /repos/{owner}/{repo}/branches/{branch}/protection/restrictions"
    ],
    getAdminBranchProtection: [
      "GET /repos/{owner}/{repo}/branches/{branch}/protection/enforce_admins"
    ],
    getAllDeploymentProtectionRules: [
      "GET /repos/{owner}/{repo}/environments/{environment_name}/deployment_protection_rules"
    ],
    getAllEnvironments: ["GET /repos/{owner}/{repo}/environments"],
    getAllStatusCheckContexts: [
      "GET /repos/{owner}/{repo}/branches/{branch}/protection/required_status_checks/contexts"
    ],
    getAllTopics: ["GET /repos/{owner}/{repo}/topics"],
    getAppsWithAccessToProtectedBranch: [
      "GET /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/apps"
    ],
    getAutolink: ["GET /repos/{owner}/{repo}/autolinks/{autolink_id}"],
    getBranch: ["GET /repos/{owner}/{repo}/branches/{branch}"],
    getBranchProtection: [
      "GET /repos/{owner}/{repo}/branches/{branch}/protection"
    ],
    getBranchRules: ["GET /repos/{owner}/{repo}/rules/branches/{branch}"],
    getClones: ["GET /repos/{owner}/{repo}/traffic/clones"],
    getCodeFrequencyStats: ["GET /repos/{owner}/{repo}/stats/code_frequency"],
    getCollaboratorPermissionLevel: [
      "GET /repos/{owner}/{repo}/collaborators/{username}/permission"
    ],
    getCombinedStatusForRef: ["GET /repos/{owner}/{repo}/commits/{ref}/status"],
    getCommit: ["GET /repos/{owner}/{repo}/commits/{ref}"],
    getCommitActivityStats: ["GET /repos/{owner}/{repo}/stats/commit_activity"],
    getCommitComment: ["GET /repos/{owner}/{repo}/comments/{comment_id}"],
    getCommitSignatureProtection: [
      "GET /repos/{owner}/{repo}/branches/{branch}/protection/required_signatures"
    ],
    getCommunityProfileMetrics: ["GET /repos/{owner}/{repo}/community/profile"],
    getContent: ["GET /repos/{owner}/{repo}/contents/{path}"],
    getContributorsStats: ["GET /repos/{owner}/{repo}/stats/contributors"],
    getCustomDeploymentProtectionRule: [
      "GET /repos/{owner}/{repo}/environments/{environment_name}/deployment_protection_rules/{protection_rule_id}"
    ],
    getDeployKey: ["GET /repos/{owner}/{repo}/keys/{key_id}"],
    getDeployment: ["GET /repos/{owner}/{repo}/deployments/{deployment_id}"],
    getDeploymentBranchPolicy: [
      "GET /repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies/{branch_policy_id}"
    ],
    getDeploymentStatus: [
      "GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses/{status_id}"
    ],
    getEnvironment: [
      "GET /repos/{owner}/{repo}/environments/{environment_name}"
    ],
    getLatestPagesBuild: ["GET /repos/{owner}/{repo}/pages/builds/latest"],
    getLatestRelease: ["GET /repos/{owner}/{repo}/releases/latest"],
    getOrgRuleSuite: ["GET /orgs/{org}/rulesets/rule-suites/{rule_suite_id}"],
    getOrgRuleSuites: ["GET /orgs/{org}/rulesets/rule-suites"],
    getOrgRuleset: ["GET /orgs/{org}/rulesets/{ruleset_id}"],
    getOrgRulesets: ["GET /orgs/{org}/rulesets"],
    getPages: ["GET /repos/{owner}/{repo}/pages"],
    getPagesBuild: ["GET /repos/{owner}/{repo}/pages/builds/{build_id}"],
    getPagesDeployment: [
      "GET /repos/{owner}/{repo}/pages/deployments/{pages_deployment_id}"
    ],
    getPagesHealthCheck: ["GET /repos/{owner}/{repo}/pages/health"],
    getParticipationStats: ["GET /repos/{owner}/{repo}/stats/participation"],
    getPullRequestReviewProtection: [
      "GET /repos/{owner}/{repo}/branches/{branch}/protection/required_pull_request_reviews"
    ],
    getPunchCardStats: ["GET /repos/{owner}/{repo}/stats/punch_card"],
    getReadme: ["GET /repos/{owner}/{repo}/readme"],
    getReadmeInDirectory: ["GET /repos/{owner}/{repo}/readme/{dir}"],
    getRelease: ["GET /repos/{owner}/{repo}/releases/{release_id}"],
    getReleaseAsset: ["GET /repos/{owner}/{repo}/releases/assets/{asset_id}"],
    getReleaseByTag: ["GET /repos/{owner}/{repo}/releases/tags/{tag}"],
    getRepoRuleSuite: [
      "GET /repos/{owner}/{repo}/rulesets/rule-suites/{rule_suite_id}"
    ],
    getRepoRuleSuites: ["GET /repos/{owner}/{repo}/rulesets/rule-suites"],
    getRepoRuleset: ["GET /repos/{owner}/{repo}/rulesets/{ruleset_id}"],
    getRepoRulesetHistory: [
      "GET /repos/{owner}/{repo}/rulesets/{ruleset_id}/history"
    ],
    getRepoRulesetVersion: [
      "GET /repos/{owner}/{repo}/rulesets/{ruleset_id}/history/{version_id}"
    ],
    getRepoRulesets: ["GET /repos/{owner}/{repo}/rulesets"],
    getStatusChecksProtection: [
      "GET /repos/{owner}/{repo}/branches/{branch}/protection/required_status_checks"
    ],
    getTeamsWithAccessToProtectedBranch: [
      "GET /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/teams"
    ],
    getTopPaths: ["GET /repos/{owner}/{repo}/traffic/popular/paths"],
    getTopReferrers: ["GET /repos/{owner}/{repo}/traffic/popular/referrers"],
    getUsersWithAccessToProtectedBranch: [
      "GET /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/users"
    ],
    getViews: ["GET /repos/{owner}/{repo}/traffic/views"],
    getWebhook: ["GET /repos/{owner}/{repo}/hooks/{hook_id}"],
    getWebhookConfigForRepo: [
      "GET /repos/{owner}/{repo}/hooks/{hook_id}/config"
    ],
    getWebhookDelivery: [
      "GET /repos/{owner}/{repo}/hooks/{hook_id}/deliveries/{delivery_id}"
    ],
    listActivities: ["GET /repos/{owner}/{repo}/activity"],
    listAttestations: [
      "GET /repos/{owner}/{repo}/attestations/{subject_digest}"
    ],
    listAutolinks: ["GET /repos/{owner}/{repo}/autolinks"],
    listBranches: ["GET /repos/{owner}/{repo}/branches"],
    listBranchesForHeadCommit: [
      "GET /repos/{owner}/{repo}/commits/{commit_sha}/branches-where-head"
    ],
    listCollaborators: ["GET /repos/{owner}/{repo}/collaborators"],
    listCommentsForCommit: [
      "GET /repos/{owner}/{repo}/commits/{commit_sha}/comments"
    ],
    listCommitCommentsForRepo: ["GET /repos/{owner}/{repo}/comments"],
    listCommitStatusesForRef: [
      "GET /repos/{owner}/{repo}/commits/{ref}/statuses"
    ],
    listCommits: ["GET /repos/{owner}/{repo}/commits"],
    listContributors: ["GET /repos/{owner}/{repo}/contributors"],
    listCustomDeploymentRuleIntegrations: [
      "GET /repos/{owner}/{repo}/environments/{environment_name}/deployment_protection_rules/apps"
    ],
    listDeployKeys: ["GET /repos/{owner}/{repo}/keys"],
    listDeploymentBranchPolicies: [
      "GET /repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies"
    ],
    listDeploymentStatuses: [
      "GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses"
    ],
    listDeployments: ["GET /repos/{owner}/{repo}/deployments"],
    listForAuthenticatedUser: ["GET /user/repos"],
    listForOrg: ["GET /orgs/{org}/repos"],
    listForUser: ["GET /users/{username}/repos"],
    listForks: ["GET /repos/{owner}/{repo}/forks"],
    listInvitations: ["GET /repos/{owner}/{repo}/invitations"],
    listInvitationsForAuthenticatedUser: ["GET /user/repository_invitations"],
    listLanguages: ["GET /repos/{owner}/{repo}/languages"],
    listPagesBuilds: ["GET /repos/{owner}/{repo}/pages/builds"],
    listPublic: ["GET /repositories"],
    listPullRequestsAssociatedWithCommit: [
      "GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls"
    ],
    listReleaseAssets: [
      "GET /repos/{owner}/{repo}/releases/{release_id}/assets"
    ],
    listReleases: ["GET /repos/{owner}/{repo}/releases"],
    listTags: ["GET /repos/{owner}/{repo}/tags"],
    listTeams: ["GET /repos/{owner}/{repo}/teams"],
    listWebhookDeliveries: [
      "GET /repos/{owner}/{repo}/hooks/{hook_id}/deliveries"
    ],
    listWebhooks: ["GET /repos/{owner}/{repo}/hooks"],
    merge: ["POST /repos/{owner}/{repo}/merges"],
    mergeUpstream: ["POST /repos/{owner}/{repo}/merge-upstream"],
    pingWebhook: ["POST /repos/{owner}/{repo}/hooks/{hook_id}/pings"],
    redeliverWebhookDelivery: [
      "POST /repos/{owner}/{repo}/hooks/{hook_id}/deliveries/{delivery_id}/attempts"
    ],
    removeAppAccessRestrictions: [
      "DELETE /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/apps",
      {},
      { mapToData: "apps" }
    ],
    removeCollaborator: [
      "DELETE /repos/{owner}/{repo}/collaborators/{username}"
    ],
    removeStatusCheckContexts: [
      "DELETE /repos/{owner}/{repo}/branches/{branch}/protection/required_status_checks/contexts",
      {},
      { mapToData: "contexts" }
    ],
    removeStatusCheckProtection: [
      "DELETE /repos/{owner}/{repo}/branches/{branch}/protection/required_status_checks"
    ],
    removeTeamAccessRestrictions: [
      "DELETE /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/teams",
      {},
      { mapToData: "teams" }
    ],
    removeUserAccessRestrictions: [
      "DELETE /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/users",
      {},
      { mapToData: "users" }
    ],
    renameBranch: ["POST /repos/{owner}/{repo}/branches/{branch}/rename"],
    replaceAllTopics: ["PUT /repos/{owner}/{repo}/topics"],
    requestPagesBuild: ["POST /repos/{owner}/{repo}/pages/builds"],
    setAdminBranchProtection: [
      "POST /repos/{owner}/{repo}/branches/{branch}/protection/enforce_admins"
    ],
    setAppAccessRestrictions: [
      "PUT /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/apps",
      {},
      { mapToData: "apps" }
    ],
    setStatusCheckContexts: [
      "PUT /repos/{owner}/{repo}/branches/{branch}/protection/required_status_checks/contexts",
      {},
      { mapToData: "contexts" }
    ],
    setTeamAccessRestrictions: [
      "PUT /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/teams",
      {},
      { mapToData: "teams" }
    ],
    setUserAccessRestrictions: [
      "PUT /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/users",
      {},
      { mapToData: "users" }
    ],
    testPushWebhook: ["POST /repos/{owner}/{repo}/hooks/{hook_id}/tests"],
    transfer: ["POST /repos/{owner}/{repo}/transfer"],
    update: ["PATCH /repos/{owner}/{repo}"],
    updateBranchProtection: [
      "PUT /repos/{owner}/{repo}/branches/{branch}/protection"
    ],
    updateCommitComment: ["PATCH /repos/{owner}/{repo}/comments/{comment_id}"],
    updateDeploymentBranchPolicy: [
      "PUT /repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies/{branch_policy_id}"
    ],
    updateInformationAboutPagesSite: ["PUT /repos/{owner}/{repo}/pages"],
    updateInvitation: [
      "PATCH /repos/{owner}/{repo}/invitations/{invitation_id}"
    ],
    updateOrgRuleset: ["PUT /orgs/{org}/rulesets/{ruleset_id}"],
    updatePullRequestReviewProtection: [
      "PATCH /repos/{owner}/{repo}/branches/{branch}/protection/required_pull_request_reviews"
    ],
    updateRelease: ["PATCH /repos/{owner}/{repo}/releases/{release_id}"],
    updateReleaseAsset: [
      "PATCH /repos/{owner}/{repo}/releases/assets/{asset_id}"
    ],
    updateRepoRuleset: ["PUT /repos/{owner}/{repo}/rulesets/{ruleset_id}"],
    updateStatusCheckPotection: [
      "PATCH /repos/{owner}/{repo}/branches/{branch}/protection/required_status_checks",
      {},
      { renamed: ["repos", "updateStatusCheckProtection"] }
    ],
    updateStatusCheckProtection: [
      "PATCH /repos/{owner}/{repo}/branches/{branch}/protection/required_status_checks"
    ],
    updateWebhook: ["PATCH /repos/{owner}/{repo}/hooks/{hook_id}"],
    updateWebhookConfigForRepo: [
      "PATCH /repos/{owner}/{repo}/hooks/{hook_id}/config"
    ],
    uploadReleaseAsset: [
      "POST /repos/{owner}/{repo}/releases/{release_id}/assets{?name,label}",
      { baseUrl: "https://uploads.github.com" }
    ]
  },
  search: {
    code: ["GET /search/code"],
    commits: ["GET /search/commits"],
    issuesAndPullRequests: ["GET /search/issues"],
    labels: ["GET /search/labels"],
    repos: ["GET /search/repositories"],
    topics: ["GET /search/topics"],
    users: ["GET /search/users"]
  },
  secretScanning: {
    createPushProtectionBypass: [
      "POST /repos/{owner}/{repo}/secret-scanning/push-protection-bypasses"
    ],
    getAlert: [
      "GET /repos/{owner}/{repo}/secret-scanning/alerts/{alert_number}"
    ],
    getScanHistory: ["GET /repos/{owner}/{repo}/secret-scanning/scan-history"],
    listAlertsForOrg: ["GET /orgs/{org}/secret-scanning/alerts"],
    listAlertsForRepo: ["GET /repos/{owner}/{repo}/secret-scanning/alerts"],
    listLocationsForAlert: [
      "GET /repos/{owner}/{repo}/secret-scanning/alerts/{alert_number}/locations"
    ],
    listOrgPatternConfigs: [
      "GET /orgs/{org}/secret-scanning/pattern-configurations"
    ],
    updateAlert: [
      "PATCH /repos/{owner}/{repo}/secret-scanning/alerts/{alert_number}"
    ],
    updateOrgPatternConfigs: [
      "PATCH /orgs/{org}/secret-scanning/pattern-configurations"
    ]
  },
  securityAdvisories: {
    createFork: [
      "POST /repos/{owner}/{repo}/security-advisories/{ghsa_id}/forks"
    ],
    createPrivateVulnerabilityReport: [
      "POST /repos/{owner}/{repo}/security-advisories/reports"
    ],
    createRepositoryAdvisory: [
      "POST /repos/{owner}/{repo}/security-advisories"
    ],
    createRepositoryAdvisoryCveRequest: [
      "POST /repos/{owner}/{repo}/security-advisories/{ghsa_id}/cve"
    ],
    getGlobalAdvisory: ["GET /advisories/{ghsa_id}"],
    getRepositoryAdvisory: [
      "GET /repos/{owner}/{repo}/security-advisories/{ghsa_id}"
    ],
    listGlobalAdvisories: ["GET /advisories"],
    listOrgRepositoryAdvisories: ["GET /orgs/{org}/security-advisories"],
    listRepositoryAdvisories: ["GET /repos/{owner}/{repo}/security-advisories"],
    updateRepositoryAdvisory: [
      "PATCH /repos/{owner}/{repo}/security-advisories/{ghsa_id}"
    ]
  },
  teams: {
    addOrUpdateMembershipForUserInOrg: [
      "PUT /orgs/{org}/teams/{team_slug}/memberships/{username}"
    ],
    addOrUpdateRepoPermissionsInOrg: [
      "PUT /orgs/{org}/teams/{team_slug}/repos/{owner}/{repo}"
    ],
    checkPermissionsForRepoInOrg: [
      "GET /orgs/{org}/teams/{team_slug}/repos/{owner}/{repo}"
    ],
    create: ["POST /orgs/{org}/teams"],
    createDiscussionCommentInOrg: [
      "POST /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/comments"
    ],
    createDiscussionInOrg: ["POST /orgs/{org}/teams/{team_slug}/discussions"],
    deleteDiscussionCommentInOrg: [
      "DELETE /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/comments/{comment_number}"
    ],
    deleteDiscussionInOrg: [
      "DELETE /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}"
    ],
    deleteInOrg: ["DELETE /orgs/{org}/teams/{team_slug}"],
    getByName: ["GET /orgs/{org}/teams/{team_slug}"],
    getDiscussionCommentInOrg: [
      "GET /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/comments/{comment_number}"
    ],
    getDiscussionInOrg: [
      "GET /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}"
    ],
    getMembershipForUserInOrg: [
      "GET /orgs/{org}/teams/{team_slug}/memberships/{username}"
    ],
    list: ["GET /orgs/{org}/teams"],
    listChildInOrg: ["GET /orgs/{org}/teams/{team_slug}/teams"],
    listDiscussionCommentsInOrg: [
      "GET /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/comments"
    ],
    listDiscussionsInOrg: ["GET /orgs/{org}/teams/{team_slug}/discussions"],
    listForAuthenticatedUser: ["GET /user/teams"],
    listMembersInOrg: ["GET /orgs/{org}/teams/{team_slug}/members"],
    listPendingInvitationsInOrg: [
      "GET /orgs/{org}/teams/{team_slug}/invitations"
    ],
    listReposInOrg: ["GET /orgs/{org}/teams/{team_slug}/repos"],
    removeMembershipForUserInOrg: [
      "DELETE /orgs/{org}/teams/{team_slug}/memberships/{username}"
    ],
    removeRepoInOrg: [
      "DELETE /orgs/{org}/teams/{team_slug}/repos/{owner}/{repo}"
    ],
    updateDiscussionCommentInOrg: [
      "PATCH /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/comments/{comment_number}"
    ],
    updateDiscussionInOrg: [
      "PATCH /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}"
    ],
    updateInOrg: ["PATCH /orgs/{org}/teams/{team_slug}"]
  },
  users: {
    addEmailForAuthenticated: [
      "POST /user/emails",
      {},
      { renamed: ["users", "addEmailForAuthenticatedUser"] }
    ],
    addEmailForAuthenticatedUser: ["POST /user/emails"],
    addSocialAccountForAuthenticatedUser: ["POST /user/social_accounts"],
    block: ["PUT /user/blocks/{username}"],
    checkBlocked: ["GET /user/blocks/{username}"],
    checkFollowingForUser: ["GET /users/{username}/following/{target_user}"],
    checkPersonIsFollowedByAuthenticated: ["GET /user/following/{username}"],
    createGpgKeyForAuthenticated: [
      "POST /user/gpg_keys",
      {},
      { renamed: ["users", "createGpgKeyForAuthenticatedUser"] }
    ],
    createGpgKeyForAuthenticatedUser: ["POST /user/gpg_keys"],
    createPublicSshKeyForAuthenticated: [
      "POST /user/keys",
      {},
      { renamed: ["users", "createPublicSshKeyForAuthenticatedUser"] }
    ],
    createPublicSshKeyForAuthenticatedUser: ["POST /user/keys"],
    createSshSigningKeyForAuthenticatedUser: ["POST /user/ssh_signing_keys"],
    deleteAttestationsBulk: [
      "POST /users/{username}/attestations/delete-request"
    ],
    deleteAttestationsById: [
      "DELETE /users/{username}/attestations/{attestation_id}"
    ],
    deleteAttestationsBySubjectDigest: [
      "DELETE /users/{username}/attestations/digest/{subject_digest}"
    ],
    deleteEmailForAuthenticated: [
      "DELETE /user/emails",
      {},
      { renamed: ["users", "deleteEmailForAuthenticatedUser"] }
    ],
    deleteEmailForAuthenticatedUser: ["DELETE /user/emails"],
    deleteGpgKeyForAuthenticated: [
      "DELETE /user/gpg_keys/{gpg_key_id}",
      {},
      { renamed: ["users", "deleteGpgKeyForAuthenticatedUser"] }
    ],
    deleteGpgKeyForAuthenticatedUser: ["DELETE /user/gpg_keys/{gpg_key_id}"],
    deletePublicSshKeyForAuthenticated: [
      "DELETE /user/keys/{key_id}",
      {},
      { renamed: ["users", "deletePublicSshKeyForAuthenticatedUser"] }
    ],
    deletePublicSshKeyForAuthenticatedUser: ["DELETE /user/keys/{key_id}"],
    deleteSocialAccountForAuthenticatedUser: ["DELETE /user/social_accounts"],
    deleteSshSigningKeyForAuthenticatedUser: [
      "DELETE /user/ssh_signing_keys/{ssh_signing_key_id}"
    ],
    follow: ["PUT /user/following/{username}"],
    getAuthenticated: ["GET /user"],
    getById: ["GET /user/{account_id}"],
    getByUsername: ["GET /users/{username}"],
    getContextForUser: ["GET /users/{username}/hovercard"],
    getGpgKeyForAuthenticated: [
      "GET /user/gpg_keys/{gpg_key_id}",
      {},
      { renamed: ["users", "getGpgKeyForAuthenticatedUser"] }
    ],
    getGpgKeyForAuthenticatedUser: ["GET /user/gpg_keys/{gpg_key_id}"],
    getPublicSshKeyForAuthenticated: [
      "GET /user/keys/{key_id}",
      {},
      { renamed: ["users", "getPublicSshKeyForAuthenticatedUser"] }
    ],
    getPublicSshKeyForAuthenticatedUser: ["GET /user/keys/{key_id}"],
    getSshSigningKeyForAuthenticatedUser: [
      "GET /user/ssh_signing_keys/{ssh_signing_key_id}"
    ],
    list: ["GET /users"],
    listAttestations: ["GET /users/{username}/attestations/{subject_digest}"],
    listAttestationsBulk: [
      "POST /users/{username}/attestations/bulk-list{?per_page,before,after}"
    ],
    listBlockedByAuthenticated: [
      "GET /user/blocks",
      {},
      { renamed: ["users", "listBlockedByAuthenticatedUser"] }
    ],
    listBlockedByAuthenticatedUser: ["GET /user/blocks"],
    listEmailsForAuthenticated: [
      "GET /user/emails",
      {},
      { renamed: ["users", "listEmailsForAuthenticatedUser"] }
    ],
    listEmailsForAuthenticatedUser: ["GET /user/emails"],
    listFollowedByAuthenticated: [
      "GET /user/following",
      {},
      { renamed: ["users", "listFollowedByAuthenticatedUser"] }
    ],
    listFollowedByAuthenticatedUser: ["GET /user/following"],
    listFollowersForAuthenticatedUser: ["GET /user/followers"],
    listFollowersForUser: ["GET /users/{username}/followers"],
    listFollowingForUser: ["GET /users/{username}/following"],
    listGpgKeysForAuthenticated: [
      "GET /user/gpg_keys",
      {},
      { renamed: ["users", "listGpgKeysForAuthenticatedUser"] }
    ],
    listGpgKeysForAuthenticatedUser: ["GET /user/gpg_keys"],
    listGpgKeysForUser: ["GET /users/{username}/gpg_keys"],
    listPublicEmailsForAuthenticated: [
      "GET /user/public_emails",
      {},
      { renamed: ["users", "listPublicEmailsForAuthenticatedUser"] }
    ],
    listPublicEmailsForAuthenticatedUser: ["GET /user/public_emails"],
    listPublicKeysForUser: ["GET /users/{username}/keys"],
    listPublicSshKeysForAuthenticated: [
      "GET /user/keys",
      {},
      { renamed: ["users", "listPublicSshKeysForAuthenticatedUser"] }
    ],
    listPublicSshKeysForAuthenticatedUser: ["GET /user/keys"],
    listSocialAccountsForAuthenticatedUser: ["GET /user/social_accounts"],
    listSocialAccountsForUser: ["GET /users/{username}/social_accounts"],
    listSshSigningKeysForAuthenticatedUser: ["GET /user/ssh_signing_keys"],
    listSshSigningKeysForUser: ["GET /users/{username}/ssh_signing_keys"],
    setPrimaryEmailVisibilityForAuthenticated: [
      "PATCH /user/email/visibility",
      {},
      { renamed: ["users", "setPrimaryEmailVisibilityForAuthenticatedUser"] }
    ],
    setPrimaryEmailVisibilityForAuthenticatedUser: [
      "PATCH /user/email/visibility"
    ],
    unblock: ["DELETE /user/blocks/{username}"],
    unfollow: ["DELETE /user/following/{username}"],
    updateAuthenticated: ["PATCH /user"]
  }
};
var endpoints_default = Endpoints;

// node_modules/@octokit/plugin-rest-endpoint-methods/dist-src/endpoints-to-methods.js
var endpointMethodsMap = /* @__PURE__ */ new Map();
for (const [scope, endpoints] of Object.entries(endpoints_default)) {
  for (const [methodName, endpoint2] of Object.entries(endpoints)) {
    const [route, defaults2, decorations] = endpoint2;
    const [method, url] = route.split(/ /);
    const endpointDefaults = Object.assign(
      {
        method,
        url
      },
      defaults2
    );
    if (!endpointMethodsMap.has(scope)) {
      endpointMethodsMap.set(scope, /* @__PURE__ */ new Map());
    }
    endpointMethodsMap.get(scope).set(methodName, {
      scope,
      methodName,
      endpointDefaults,
      decorations
    });
  }
}
var handler = {
  has({ scope }, methodName) {
    return endpointMethodsMap.get(scope).has(methodName);
  },
  getOwnPropertyDescriptor(target, methodName) {
    return {
      value: this.get(target, methodName),
      // ensures method is in the cache
      configurable: true,
      writable: true,
      enumerable: true
    };
  },
  defineProperty(target, methodName, descriptor) {
    Object.defineProperty(target.cache, methodName, descriptor);
    return true;
  },
  deleteProperty(target, methodName) {
    delete target.cache[methodName];
    return true;
  },
  ownKeys({ scope }) {
    return [...endpointMethodsMap.get(scope).keys()];
  },
  set(target, methodName, value) {
    return target.cache[methodName] = value;
  },
  get({ octokit, scope, cache }, methodName) {
    if (cache[methodName]) {
      return cache[methodName];
    }
    const method = endpointMethodsMap.get(scope).get(methodName);
    if (!method) {
      return void 0;
    }
    const { endpointDefaults, decorations } = method;
    if (decorations) {
      cache[methodName] = decorate(
        octokit,
        scope,
        methodName,
        endpointDefaults,
        decorations
      );
    } else {
      cache[methodName] = octokit.request.defaults(endpointDefaults);
    }
    return cache[methodName];
  }
};
function endpointsToMethods(octokit) {
  const newMethods = {};
  for (const scope of endpointMethodsMap.keys()) {
    newMethods[scope] = new Proxy({ octokit, scope, cache: {} }, handler);
  }
  return newMethods;
}
function decorate(octokit, scope, methodName, defaults2, decorations) {
  const requestWithDefaults = octokit.request.defaults(defaults2);
  function withDecorations(...args) {
    let options = requestWithDefaults.endpoint.merge(...args);
    if (decorations.mapToData) {
      options = Object.assign({}, options, {
        data: options[decorations.mapToData],
        [decorations.mapToData]: void 0
      });
      return requestWithDefaults(options);
    }
    if (decorations.renamed) {
      const [newScope, newMethodName] = decorations.renamed;
      octokit.log.warn(
        `octokit.${scope}.${methodName}() has been renamed to octokit.${newScope}.${newMethodName}()`
      );
    }
    if (decorations.deprecated) {
      octokit.log.warn(decorations.deprecated);
    }
    if (decorations.renamedParameters) {
      const options2 = requestWithDefaults.endpoint.merge(...args);
      for (const [name, alias] of Object.entries(
        decorations.renamedParameters
      )) {
        if (name in options2) {
          octokit.log.warn(
            `"${name}" parameter is deprecated for "octokit.${scope}.${methodName}()". Use "${alias}" instead`
          );
          if (!(alias in options2)) {
            options2[alias] = options2[name];
          }
          delete options2[name];
        }
      }
      return requestWithDefaults(options2);
    }
    return requestWithDefaults(...args);
  }
  return Object.assign(withDecorations, requestWithDefaults);
}

// node_modules/@octokit/plugin-rest-endpoint-methods/dist-src/index.js
function restEndpointMethods(octokit) {
  const api = endpointsToMethods(octokit);
  return {
    rest: api
  };
}
restEndpointMethods.VERSION = VERSION5;
function legacyRestEndpointMethods(octokit) {
  const api = endpointsToMethods(octokit);
  return {
    ...api,
    rest: api
  };
}
legacyRestEndpointMethods.VERSION = VERSION5;

// node_modules/@octokit/plugin-paginate-rest/dist-bundle/index.js
var VERSION6 = "0.0.0-development";
function normalizePaginatedListResponse(response) {
  if (!response.data) {
    return {
      ...response,
      data: []
    };
  }
  const responseNeedsNormalization = ("total_count" in response.data || "total_commits" in response.data) && !("url" in response.data);
  if (!responseNeedsNormalization) return response;
  const incompleteResults = response.data.incomplete_results;
  const repositorySelection = response.data.repository_selection;
  const totalCount = response.data.total_count;
  const totalCommits = response.data.total_commits;
  delete response.data.incomplete_results;
  delete response.data.repository_selection;
  delete response.data.total_count;
  delete response.data.total_commits;
  const namespaceKey = Object.keys(response.data)[0];
  const data = response.data[namespaceKey];
  response.data = data;
  if (typeof incompleteResults !== "undefined") {
    response.data.incomplete_results = incompleteResults;
  }
  if (typeof repositorySelection !== "undefined") {
    response.data.repository_selection = repositorySelection;
  }
  response.data.total_count = totalCount;
  response.data.total_commits = totalCommits;
  return response;
}
function iterator(octokit, route, parameters) {
  const options = typeof route === "function" ? route.endpoint(parameters) : octokit.request.endpoint(route, parameters);
  const requestMethod = typeof route === "function" ? route : octokit.request;
  const method = options.method;
  const headers = options.headers;
  let url = options.url;
  return {
    [Symbol.asyncIterator]: () => ({
      async next() {
        if (!url) return { done: true };
        try {
          const response = await requestMethod({ method, url, headers });
          const normalizedResponse = normalizePaginatedListResponse(response);
          url = ((normalizedResponse.headers.link || "").match(
            /<([^<>]+)>;\s*rel="next"/
          ) || [])[1];
          if (!url && "total_commits" in normalizedResponse.data) {
            const parsedUrl = new URL(normalizedResponse.url);
            const params = parsedUrl.searchParams;
            const page = parseInt(params.get("page") || "1", 10);
            const per_page = parseInt(params.get("per_page") || "250", 10);
            if (page * per_page < normalizedResponse.data.total_commits) {
              params.set("page", String(page + 1));
              url = parsedUrl.toString();
            }
          }
          return { value: normalizedResponse };
        } catch (error) {
          if (error.status !== 409) throw error;
          url = "";
          return {
            value: {
              status: 200,
              headers: {},
              data: []
            }
          };
        }
      }
    })
  };
}
function paginate(octokit, route, parameters, mapFn) {
  if (typeof parameters === "function") {
    mapFn = parameters;
    parameters = void 0;
  }
  return gather(
    octokit,
    [],
    iterator(octokit, route, parameters)[Symbol.asyncIterator](),
    mapFn
  );
}
function gather(octokit, results, iterator2, mapFn) {
  return iterator2.next().then((result) => {
    if (result.done) {
      return results;
    }
    let earlyExit = false;
    function done() {
      earlyExit = true;
    }
    results = results.concat(
      mapFn ? mapFn(result.value, done) : result.value.data
    );
    if (earlyExit) {
      return results;
    }
    return gather(octokit, results, iterator2, mapFn);
  });
}
var composePaginateRest = Object.assign(paginate, {
  iterator
});
function paginateRest(octokit) {
  return {
    paginate: Object.assign(paginate.bind(null, octokit), {
      iterator: iterator.bind(null, octokit)
    })
  };
}
paginateRest.VERSION = VERSION6;

// node_modules/@actions/github/lib/utils.js
var context = new Context();
var baseUrl = getApiBaseUrl();
var defaults = {
  baseUrl,
  request: {
    agent: getProxyAgent(baseUrl),
    fetch: getProxyFetch(baseUrl)
  }
};
var GitHub = Octokit.plugin(restEndpointMethods, paginateRest).defaults(defaults);
function getOctokitOptions(token, options) {
  const opts = Object.assign({}, options || {});
  const auth2 = getAuthString(token, opts);
  if (auth2) {
    opts.auth = auth2;
  }
  const userAgent2 = getUserAgentWithOrchestrationId(opts.userAgent);
  if (userAgent2) {
    opts.userAgent = userAgent2;
  }
  return opts;
}

// node_modules/@actions/github/lib/github.js
var context2 = new Context();
function getOctokit(token, options, ...additionalPlugins) {
  const GitHubWithPlugins = GitHub.plugin(...additionalPlugins);
  return new GitHubWithPlugins(getOctokitOptions(token, options));
}

// src/adapters/sources.ts
var API_TIMEOUT_MS = 15e3;
function bounded(timeoutMs = API_TIMEOUT_MS) {
  return { signal: AbortSignal.timeout(timeoutMs) };
}
function inWorkflow() {
  return process.env.GITHUB_ACTIONS === "true" && Boolean(process.env.GITHUB_REPOSITORY) && Boolean(process.env.GITHUB_RUN_ID);
}
function githubSource() {
  if (!inWorkflow()) return { url: "", revision: "", runId: "", runAttempt: "", runNumber: "" };
  const { serverUrl, repo, sha, runId } = context2;
  return {
    url: `${serverUrl}/${repo.owner}/${repo.repo}`,
    revision: sha ?? "",
    runId: String(runId),
    runAttempt: process.env.GITHUB_RUN_ATTEMPT ?? "",
    runNumber: String(context2.runNumber)
  };
}
function githubRunDate(override, token, timeoutMs = API_TIMEOUT_MS) {
  return resolveRunDate({
    override,
    ...inWorkflow() ? { workflowRun: { owner: context2.repo.owner, repo: context2.repo.repo, runId: context2.runId, token } } : {},
    fetchRunCreatedAt: async (run) => {
      const octokit = getOctokit(run.token);
      const response = await octokit.rest.actions.getWorkflowRun({
        owner: run.owner,
        repo: run.repo,
        run_id: run.runId,
        request: bounded(timeoutMs)
      });
      return response.data.created_at;
    },
    now: () => /* @__PURE__ */ new Date(),
    warn: (message) => warning(message)
  });
}
function githubPullRequestApi(token) {
  return {
    repositories: async (pullRequest) => {
      const octokit = getOctokit(token);
      const { owner, repo } = context2.repo;
      const response = await octokit.rest.pulls.get({ owner, repo, pull_number: pullRequest, request: bounded() });
      return { head: response.data.head.repo?.full_name ?? null, base: response.data.base.repo.full_name };
    }
  };
}

// src/adapters/input-helper.ts
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

// src/core/pull-request.ts
var PULL_REQUEST_EVENTS = ["pull_request", "pull_request_review", "pull_request_review_comment"];
var OWN = { foreignPullRequest: false, foreignCodeWithSecrets: false, why: "" };
function fromAnotherRepository(head, base) {
  const headName = head?.full_name?.toLowerCase();
  const baseName = base?.full_name?.toLowerCase();
  return headName === void 0 || baseName === void 0 || headName !== baseName;
}
function codeOrigin(eventName, payload) {
  const pullRequest = payload.pull_request;
  const pullRequestForeign = pullRequest !== void 0 && fromAnotherRepository(pullRequest.head?.repo, pullRequest.base?.repo ?? payload.repository);
  const why = `${eventName} for a pull request from another repository`;
  if (PULL_REQUEST_EVENTS.includes(eventName)) return { ...OWN, foreignPullRequest: pullRequestForeign, why: pullRequestForeign ? why : "" };
  if (eventName === "pull_request_target") return pullRequestForeign ? { ...OWN, foreignCodeWithSecrets: true, why } : OWN;
  if (eventName === "workflow_run" && payload.workflow_run !== void 0) {
    const run = payload.workflow_run;
    return fromAnotherRepository(run.head_repository, run.repository ?? payload.repository) ? { ...OWN, foreignCodeWithSecrets: true, why } : OWN;
  }
  if (eventName === "issue_comment" && payload.issue?.pull_request) {
    const number = payload.issue.number ?? 0;
    return {
      ...OWN,
      foreignCodeWithSecrets: true,
      why: `issue_comment on pull request #${number}, whose head repository is not yet verified`,
      commentedPullRequest: number
    };
  }
  return OWN;
}
async function verifyCommentedPullRequest(origin, api) {
  const number = origin.commentedPullRequest;
  if (number === void 0) return origin;
  const unverified = (reason) => ({
    ...OWN,
    foreignCodeWithSecrets: true,
    why: `issue_comment on pull request #${number}, whose head repository could not be verified (${reason})`
  });
  if (api === void 0) return unverified("github-token is empty, so the GitHub API cannot be asked");
  try {
    const { head, base } = await api.repositories(number);
    if (head !== null && head.toLowerCase() === base.toLowerCase()) return OWN;
    return { ...OWN, foreignCodeWithSecrets: true, why: `issue_comment on pull request #${number} from ${head ?? "a deleted repository"}` };
  } catch (error) {
    return unverified(`the GitHub API said: ${error.message.split("\n")[0]}`);
  }
}

// src/adapters/input-helper.ts
var INPUT_NAMES = [
  "python-version",
  "variant",
  "app",
  "app-module",
  "image",
  "push",
  "registry",
  "username",
  "password",
  "latest",
  "immutable-tag",
  "tags",
  "date",
  "base-image",
  "pip-index-url",
  "worker",
  "build-args",
  "pull",
  "no-cache",
  "rebuild",
  "builder",
  "cache-from",
  "cache-to",
  "platforms",
  "attestations",
  "provenance-mode",
  "sbom-generator",
  "sign",
  "cosign-key",
  "cosign-password",
  "network",
  "probe-path",
  "probe-status",
  "probe-body",
  "probe-timeout",
  "probe-env",
  "github-token",
  "trust-foreign-code",
  "mode",
  "handover",
  "digests"
];
function readInputs() {
  const raw = {};
  for (const name of INPUT_NAMES)
    raw[name] = getInput(name, { trimWhitespace: name !== "probe-body" && name !== "password" && name !== "cosign-password" });
  return raw;
}
function actionRoot() {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, "action.yml"))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error("action.yml not found above the running script; is the action checked out whole?");
    dir = parent;
  }
  return dir;
}
async function readEnvironment(token = "") {
  const unverified = codeOrigin(context2.eventName ?? "", context2.payload);
  const origin = await verifyCommentedPullRequest(unverified, token !== "" ? githubPullRequestApi(token) : void 0);
  return {
    workspace: process.env.GITHUB_WORKSPACE || process.cwd(),
    actionRoot: actionRoot(),
    forkPullRequest: origin.foreignPullRequest,
    foreignCodeWithSecrets: origin.foreignCodeWithSecrets,
    foreignCodeWhy: origin.why,
    ...process.env.RUNNER_TEMP ? { runnerTemp: process.env.RUNNER_TEMP } : {},
    // buildx's gha backend needs the runtime token and cache URL the runner gives JavaScript actions.
    githubCache: process.env.RUNNER_ENVIRONMENT === "github-hosted" && !!process.env.ACTIONS_RUNTIME_TOKEN && !!(process.env.ACTIONS_RESULTS_URL || process.env.ACTIONS_CACHE_URL)
  };
}

// src/pipeline/pipeline.ts
import * as fs11 from "node:fs";

// src/pipeline/attestations.ts
import * as fs3 from "node:fs";
import * as path3 from "node:path";

// src/adapters/oci-layout.ts
import * as fs2 from "node:fs";
import * as path2 from "node:path";
var INDEX_TYPES = ["application/vnd.oci.image.index.v1+json", "application/vnd.docker.distribution.manifest.list.v2+json"];
var ATTESTATION = "attestation-manifest";
var LayoutError = class extends Error {
  constructor(message) {
    super(message);
    this.name = "LayoutError";
  }
};
function folderBlobs(dir) {
  return (digest) => JSON.parse(fs2.readFileSync(blobPath(dir, digest), "utf8"));
}
function blobPath(dir, digest) {
  const [algorithm, hex] = digest.split(":");
  if (algorithm !== "sha256" || !/^[a-f0-9]{64}$/.test(hex ?? "")) throw new LayoutError(`not a sha256 digest: ${digest}`);
  return path2.join(dir, "blobs", algorithm, hex);
}
function describeLayout(topIndex, blob) {
  const entries = topIndex.manifests ?? [];
  if (entries.length !== 1) throw new LayoutError(`the OCI layout should hold one image, and holds ${entries.length}`);
  const entry = entries[0];
  const descriptors = INDEX_TYPES.includes(entry.mediaType ?? "") ? blob(entry.digest).manifests ?? [] : [entry];
  const images = [];
  const attestations = [];
  for (const descriptor of descriptors) {
    const annotations = descriptor.annotations ?? {};
    if (annotations["vnd.docker.reference.type"] === ATTESTATION) {
      attestations.push({ digest: descriptor.digest, subject: annotations["vnd.docker.reference.digest"] ?? "" });
      continue;
    }
    const manifest = blob(descriptor.digest);
    const platform = descriptor.platform;
    images.push({
      digest: descriptor.digest,
      platform: platform ? [platform.os, platform.architecture, platform.variant].filter(Boolean).join("/") : "",
      config: manifest.config.digest,
      layers: manifest.layers.map((layer) => layer.digest)
    });
  }
  if (images.length !== 1) throw new LayoutError(`the OCI layout's image should be of one platform, and has ${images.length}`);
  return { digest: entry.digest, images, attestations };
}
function dockerArchiveManifest(image, tag) {
  const file = (digest) => `blobs/${digest.replace(":", "/")}`;
  return JSON.stringify([{ Config: file(image.config), RepoTags: [tag], Layers: image.layers.map(file) }]);
}
function readLayout(dir) {
  const top = JSON.parse(fs2.readFileSync(path2.join(dir, "index.json"), "utf8"));
  return describeLayout(top, folderBlobs(dir));
}

// src/core/retry.ts
async function retry(task, options) {
  const sleep = options.sleep ?? ((ms) => new Promise((resolve2) => setTimeout(resolve2, ms)));
  let delay = options.initialDelayMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await task(attempt);
    } catch (error) {
      if (attempt >= options.attempts || !options.isTransient(error)) throw error;
      options.onRetry?.(error, attempt, delay);
      await sleep(delay);
      delay = Math.min(delay * 2, options.maxDelayMs);
    }
  }
}
var AUTH_FAILURE = /unauthorized|authentication required|access denied|denied:|forbidden|incorrect username or password|\b401\b|\b403\b/i;
var TRANSIENT = /connection refused|connection reset|broken pipe|i\/o timeout|timeout|timed out|tls handshake|unexpected eof|\beof\b|\b50[0-4]\b|internal server error|bad gateway|service unavailable|gateway timeout|too many requests|\b429\b|temporary failure|no such host/i;
function isTransientRegistryError(error) {
  const text = error instanceof Error ? error.message : String(error);
  if (AUTH_FAILURE.test(text)) return false;
  return TRANSIENT.test(text);
}
var BUILD_ERROR_LINE = /^(ERROR: |Error response from daemon: |error )/i;
var PULL_FAILURE = /failed to resolve source metadata|load metadata for|error pulling image|pulling from host|failed to (fetch|copy|do request)|pull access|(Get|Head) "https?:\/\/[^"]*\/v2\//i;
function isTransientPullError(buildOutput) {
  const reason = buildOutput.split("\n").filter((line) => BUILD_ERROR_LINE.test(line.trim())).at(-1);
  return reason !== void 0 && PULL_FAILURE.test(reason) && isTransientRegistryError(reason);
}

// src/pipeline/push.ts
var PushError = class extends DockerError {
  constructor(message, pushed, digest) {
    super(message);
    this.pushed = pushed;
    this.digest = digest;
    this.name = "PushError";
  }
  pushed;
  digest;
};
function localRefs(plan) {
  return plan.push.platformRef !== "" ? [plan.push.platformRef] : plan.push.refs;
}
async function tagImage(docker, plan, imageId) {
  for (const ref of localRefs(plan)) await docker.tag(imageId, ref);
}
function registryRetry(what, log, overrides = {}) {
  return {
    attempts: 4,
    initialDelayMs: 1e3,
    maxDelayMs: 8e3,
    isTransient: isTransientRegistryError,
    onRetry: (error, attempt, delay) => log(`${what}: attempt ${attempt} failed (${error.message.split("\n")[0]}); retrying in ${delay / 1e3} s`),
    ...overrides
  };
}
async function registryLogin(docker, credentials, options) {
  await retry(
    () => docker.login(credentials.registry, credentials.username, credentials.password, options.configDir),
    registryRetry("login", options.log, options.retry)
  );
}
async function pushImage(docker, plan, imageId, credentials, options) {
  const retryOptions = (what) => registryRetry(what, options.log, options.retry);
  if (!options.loggedIn) await registryLogin(docker, credentials, options);
  const pushed = [];
  let digest = "";
  for (const ref of plan.push.refs) {
    let reported;
    try {
      reported = await retry(() => docker.push(ref, options.configDir), retryOptions(`push ${ref}`));
    } catch (error) {
      throw new PushError(error.message, pushed, digest);
    }
    digest ||= reported;
    pushed.push(ref);
  }
  if (digest === "") {
    digest = await digestFromStore(docker, imageId, plan).catch((error) => {
      options.log(`${error.message} The digest output is empty; the tags were pushed.`);
      return "";
    });
  }
  return { digest, pushed };
}
async function digestFromStore(docker, imageId, plan) {
  const repository = plan.push.repository;
  const short = repository.replace(/^(docker\.io|index\.docker\.io)\//, "").replace(/^library\//, "");
  const found = (await docker.repoDigests(imageId)).find((entry) => entry.startsWith(`${repository}@`) || entry.startsWith(`${short}@`));
  if (!found) throw new DockerError(`Pushed, but Docker did not record a digest for ${repository}.`);
  return found.slice(found.indexOf("@") + 1);
}
async function pushPlatforms(docker, images, options) {
  const retryOptions = (what) => registryRetry(what, options.log, options.retry);
  const pushed = [];
  const sources = [];
  for (const { plan, imageId } of images) {
    const ref = plan.push.platformRef;
    try {
      let digest2 = options.pushPlatform ? await options.pushPlatform(plan) : await retry(() => docker.push(ref, options.configDir), retryOptions(`push ${ref}`));
      digest2 ||= await digestFromStore(docker, imageId, plan);
      sources.push(`${plan.push.repository}@${digest2}`);
    } catch (error) {
      throw new PushError(error.message, pushed, "");
    }
    pushed.push(ref);
  }
  let digest = "";
  for (const ref of images[0].plan.push.refs) {
    try {
      digest = await retry(() => docker.createIndex(ref, sources, options.env), retryOptions(`push ${ref}`));
    } catch (error) {
      throw new PushError(error.message, pushed, digest);
    }
    pushed.push(ref);
  }
  return { digest, pushed };
}

// src/pipeline/attestations.ts
async function loadLayout(docker, tools, dir, tag) {
  const facts = readLayout(dir);
  fs3.writeFileSync(path3.join(dir, "manifest.json"), dockerArchiveManifest(facts.images[0], tag));
  const archive = `${dir}.tar`;
  try {
    const packed = await tools("tar", ["-C", dir, "-cf", archive, "manifest.json", "blobs"]);
    if (packed.exitCode !== 0) throw new ToolError(`Could not pack the tested image for docker load: ${packed.stderr.trim()}`);
    await docker.load(archive);
  } finally {
    fs3.rmSync(archive, { force: true });
  }
  return facts;
}
function requireAttestingBuilder(builder) {
  if (builder.kind === "buildx") return;
  throw new BuilderError(
    `attestations: only BuildKit makes them, and this run has the classic builder (${builder.reason}); install the buildx plugin (on GitHub, docker/setup-buildx-action), or set attestations: none.`
  );
}
async function requireSkopeo(tools) {
  if (await hasTool(tools, "skopeo", ["--version"])) return;
  throw new ToolError(
    "attestations: pushing the tested image with its attestations needs skopeo, which is not on PATH. GitHub's Ubuntu runners have it; elsewhere install it (apt-get install skopeo), or set attestations: none."
  );
}
function skopeoDestFlags(ref, configDir) {
  const host = registryHost(ref) ?? "";
  const loopback = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?$/.test(host);
  return [...configDir !== "" ? ["--dest-authfile", path3.join(configDir, "config.json")] : [], ...loopback ? ["--dest-tls-verify=false"] : []];
}
async function pushLayout(tools, dir, ref, options) {
  const facts = readLayout(dir);
  await retry(
    async () => {
      const copied = await tools(
        "skopeo",
        ["copy", "--all", "--preserve-digests", ...skopeoDestFlags(ref, options.configDir), `oci:${dir}`, `docker://${ref}`],
        {
          echo: true
        }
      );
      if (copied.exitCode !== 0)
        throw new ToolError(`skopeo copy to ${ref} failed: ${(copied.stderr || copied.stdout).trim().split("\n").slice(-5).join("\n")}`);
    },
    registryRetry(`push ${ref}`, options.log, options.retry)
  );
  return facts.digest;
}
async function pushAttested(tools, dir, refs, options) {
  const pushed = [];
  let digest = "";
  for (const ref of refs) {
    digest = await pushLayout(tools, dir, ref, options);
    pushed.push(ref);
  }
  return { digest, pushed };
}
function attestationLines(platforms) {
  return platforms.flatMap(
    ({ facts }) => facts.attestations.map((attestation) => {
      const image = facts.images.find((candidate) => candidate.digest === attestation.subject);
      return `${image?.platform ?? "unknown"} ${attestation.subject} ${attestation.digest}`;
    })
  );
}

// src/adapters/app-folder.ts
import * as fs4 from "node:fs";
import * as path4 from "node:path";
function inspectApp(workspace, app) {
  const input = (app ?? "").trim();
  if (input === "") return void 0;
  const resolved = path4.resolve(workspace, input);
  const folder = realPath(resolved);
  const ignoreFile = path4.join(folder, ".dockerignore");
  return {
    input,
    resolved,
    realPath: folder,
    realWorkspace: realPath(workspace),
    isFolder: isDirectory(folder),
    hasMain: isFile(path4.join(folder, "main.py")),
    hasAppMain: isFile(path4.join(folder, "app", "main.py")),
    hasRequirements: isFile(path4.join(folder, "requirements.txt")),
    dockerignore: isFile(ignoreFile) ? fs4.readFileSync(ignoreFile, "utf8") : void 0
  };
}
function realPath(p) {
  try {
    return fs4.realpathSync(p);
  } catch {
    return p;
  }
}
function isDirectory(p) {
  try {
    return fs4.statSync(p).isDirectory();
  } catch {
    return false;
  }
}
function isFile(p) {
  try {
    return fs4.statSync(p).isFile();
  } catch {
    return false;
  }
}

// src/adapters/probe.ts
import * as http from "node:http";

// src/core/body-match.ts
import { Worker } from "node:worker_threads";
var MATCHER = `
const { parentPort, workerData } = require('node:worker_threads');
parentPort.postMessage(new RegExp(workerData.source).test(workerData.text));
`;
function matchWithin(source, text, timeoutMs) {
  return new Promise((resolve2, reject) => {
    const worker = new Worker(MATCHER, { eval: true, workerData: { source, text } });
    let done = false;
    const finish = (settle) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      void worker.terminate();
      settle();
    };
    const timer = setTimeout(() => finish(() => resolve2("timed out")), Math.max(0, timeoutMs));
    worker.once("message", (matched) => finish(() => resolve2(matched ? "match" : "no match")));
    worker.once("error", (error) => finish(() => reject(error)));
  });
}

// src/adapters/probe.ts
var BODY_LIMIT = 64 * 1024;
function probeOnce(url, expect, timeoutMs) {
  const started = Date.now();
  return new Promise((resolve2) => {
    let settled = false;
    let complete = false;
    const settle = (attempt) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request2.destroy();
      resolve2(attempt);
    };
    const fail = (attempt) => {
      if (!complete) settle(attempt);
    };
    const request2 = http.get(url, { agent: false, headers: { "user-agent": `${PRODUCT}-probe` } }, (response) => {
      const chunks = [];
      let size = 0;
      const finish = () => {
        if (settled || complete) return;
        complete = true;
        clearTimeout(timer);
        request2.destroy();
        const body = Buffer.concat(chunks).toString("utf8").slice(0, BODY_LIMIT);
        const status = response.statusCode ?? 0;
        judge(status, body, expect, started + timeoutMs - Date.now()).then(
          (verdict) => settle({ kind: "response", status, body, ...verdict }),
          (error) => settle({ kind: "error", message: `probe-body could not be matched: ${error.message}`, refused: false })
        );
      };
      response.on("data", (chunk) => {
        if (complete) return;
        chunks.push(chunk);
        size += chunk.length;
        if (size >= BODY_LIMIT) finish();
      });
      response.on("end", finish);
      response.on("error", (error) => fail({ kind: "error", message: error.message, refused: false }));
    });
    const timer = setTimeout(() => fail({ kind: "error", message: `no complete response within ${timeoutMs} ms`, refused: false }), timeoutMs);
    request2.on(
      "error",
      (error) => fail({
        kind: "error",
        message: error.code ? `${error.code}: ${error.message}` : error.message,
        // Refused or reset before any answer: the server is not listening yet.
        refused: error.code === "ECONNREFUSED" || error.code === "ECONNRESET"
      })
    );
  });
}
async function judge(status, body, expect, timeoutMs) {
  if (status !== expect.status) return { passed: false, reason: `status ${status}, expected ${expect.status}` };
  if (expect.body === "") return { passed: true, reason: "ok" };
  const result = await matchWithin(expect.body, body, timeoutMs);
  if (result === "timed out")
    return {
      passed: false,
      reason: `matching the body against /${expect.body}/ did not finish in the ${Math.max(0, timeoutMs)} ms this attempt had left`,
      patternTimedOut: true
    };
  if (result === "no match") return { passed: false, reason: `body does not match /${expect.body}/` };
  return { passed: true, reason: "ok" };
}
function nextDelay(previousMs, lastAttempt) {
  const cap = lastAttempt.kind === "error" && lastAttempt.refused ? 200 : 2e3;
  return Math.min(Math.round(previousMs * 1.5), cap);
}
function describeAttempt(attempt) {
  if (!attempt) return "no probe was made";
  if (attempt.kind === "error") return `connection error: ${attempt.message}`;
  const body = attempt.body.length > 2e3 ? `${attempt.body.slice(0, 2e3)}\u2026 (cut)` : attempt.body;
  return `HTTP ${attempt.status} (${attempt.reason})
${body}`;
}

// src/pipeline/smoke-test.ts
var SmokeTestError = class extends Error {
  constructor(message, details, lastStatus) {
    super(message);
    this.details = details;
    this.lastStatus = lastStatus;
    this.name = "SmokeTestError";
  }
  details;
  lastStatus;
};
var realClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve2) => setTimeout(resolve2, ms))
};
async function smokeTest(docker, plan, imageId, clock = realClock) {
  const { container, probe } = plan;
  const started = clock.now();
  const deadline = started + probe.timeoutSeconds * 1e3;
  try {
    await docker.runContainer([...container.runArgs, imageId]);
    let address;
    try {
      address = container.hostPort !== void 0 ? `127.0.0.1:${container.hostPort}` : await docker.publishedAddress(container.name, container.containerPort);
    } catch (error) {
      const state = await exitState(docker, container.name);
      if (state.running) throw error;
      throw await failure(docker, container.name, `${exitedMessage(state)} before its port could be probed.`, void 0, void 0);
    }
    const url = `http://${address}${probe.path}`;
    let last;
    let lastResponse;
    let delay = 100;
    for (; ; ) {
      const remaining = deadline - clock.now();
      last = await probeOnce(url, probe, Math.max(1e3, Math.min(5e3, remaining)));
      if (last.kind === "response") lastResponse = last;
      if (last.kind === "response" && last.passed) {
        return { status: last.status, seconds: (clock.now() - started) / 1e3, url };
      }
      const left = deadline - clock.now();
      const [state] = await Promise.all([exitState(docker, container.name), clock.sleep(Math.max(0, Math.min(delay, left)))]);
      if (!state.running) {
        throw await failure(docker, container.name, `${exitedMessage(state)} before answering ${url} as expected.`, last, lastResponse);
      }
      if (left <= 0) {
        throw await failure(
          docker,
          container.name,
          `The app did not answer ${url} with status ${probe.status}${probe.body ? ` and a body matching /${probe.body}/` : ""} within ${probe.timeoutSeconds} s.${lastResponse?.kind === "response" && lastResponse.patternTimedOut ? ` Matching the body against probe-body did not finish in the time left and was stopped: the pattern backtracks (nested quantifiers such as (a+)+ take exponential time); simplify it.` : ""}`,
          last,
          lastResponse
        );
      }
      delay = nextDelay(delay, last);
    }
  } finally {
    await docker.removeContainer(container.name);
  }
}
async function exitState(docker, name) {
  try {
    const state = await docker.containerState(name);
    return state.running ? { running: true } : { running: false, exitCode: state.exitCode };
  } catch (error) {
    return { running: false, gone: error.message.split("\n")[0] ?? "" };
  }
}
function exitedMessage(state) {
  return "exitCode" in state ? `The app container exited with code ${state.exitCode}` : `The app container is gone (${state.gone})`;
}
async function failure(docker, container, message, last, lastResponse) {
  const logs = await docker.logs(container, 80);
  const details = [
    "Last probe:",
    indent(describeAttempt(last)),
    ...lastResponse && lastResponse !== last ? ["", "Last HTTP response:", indent(describeAttempt(lastResponse))] : [],
    "",
    "Last container log lines:",
    indent(logs || "(the container printed nothing)")
  ].join("\n");
  return new SmokeTestError(message, details, lastResponse?.kind === "response" ? lastResponse.status : 0);
}
function indent(text) {
  return text.split("\n").map((line) => `  ${line}`).join("\n");
}

// src/pipeline/build.ts
async function buildAndTest(deps, settings, plan, several, progress) {
  const { docker, reporter } = deps;
  const where = several ? ` for ${plan.target.platform}` : "";
  try {
    progress.stage = `build${where}`;
    const buildSeconds = await buildPlatform(docker, reporter, settings, plan, progress.dockerEnv);
    const layout = plan.appLayout !== "" ? await loadLayout(docker, deps.tools, plan.appLayout, plan.app.tag) : void 0;
    const imageId = await docker.imageId(plan.app.tag);
    progress.stage = `smoke test${where}`;
    deps.state.save({ container: plan.container.name });
    const probe = await reporter.group(`Smoke-test ${imageId.slice(7, 19)}${where}`, async () => {
      const result = await smokeTest(docker, plan, imageId);
      reporter.info(`${result.url} answered ${result.status} after ${result.seconds.toFixed(2)} s${plan.target.emulated ? " (emulated)" : ""}.`);
      return result;
    });
    progress.tested.push({ plan, imageId, probe, buildSeconds, ...layout ? { layout } : {} });
  } catch (error) {
    if (several && error instanceof Error) error.message = `${plan.target.platform}: ${error.message}`;
    throw error;
  }
}
async function buildPlatform(docker, reporter, settings, plan, dockerEnv) {
  const started = Date.now();
  const where = plan.target.platform !== "" ? ` for ${plan.target.platform}${plan.target.emulated ? " (emulated)" : ""}` : "";
  const build = (step, what) => retry(() => docker.build(step.args, what, step.dockerfile, { ...step.env, ...dockerEnv }), {
    ...registryRetry(what, (message) => reporter.warning(message)),
    // Only a failed fetch of an image is retried: a failing RUN step would fail the same way again.
    isTransient: (error) => error instanceof DockerError && isTransientPullError(`${error.result?.stdout ?? ""}
${error.result?.stderr ?? ""}`)
  });
  await reporter.group(`Build the base image from ${plan.baseImage}${where}`, () => build(plan.base, "Building the base image"));
  await reporter.group(`Layer the app from ${settings.appDir}${where}`, () => build(plan.app, "Layering the app"));
  return (Date.now() - started) / 1e3;
}

// src/pipeline/platform-job.ts
import * as fs7 from "node:fs";
import * as path7 from "node:path";

// src/adapters/handover.ts
import * as fs5 from "node:fs";
import * as path5 from "node:path";
function writeHandover(folder, handover) {
  fs5.mkdirSync(folder, { recursive: true });
  const file = path5.join(folder, `${platformSlug(handover.platform)}.json`);
  fs5.writeFileSync(file, `${JSON.stringify(handover, null, 2)}
`);
  return file;
}
function readHandovers(folder, digests, image) {
  const handed = { members: [], problems: [] };
  if (folder !== "") {
    if (!fs5.existsSync(folder) || !fs5.statSync(folder).isDirectory())
      handed.problems.push(
        `handover: "${folder}" is not a folder; give the path actions/download-artifact wrote the platform jobs' hand-over files to.`
      );
    else {
      const files = fs5.readdirSync(folder, { recursive: true }).filter((name) => name.endsWith(".json")).sort();
      if (files.length === 0 && digests.length === 0)
        handed.problems.push(`handover: "${folder}" holds no hand-over file (*.json): did any platform job finish?`);
      for (const name of files) readOne(path5.join(folder, name), name, image, handed);
    }
  }
  digests.forEach((digest, index) => handed.members.push({ source: `digests line ${index + 1}`, digest, claimedPlatform: "", unchanged: false }));
  return handed;
}
function readOne(file, name, image, handed) {
  let value;
  try {
    value = JSON.parse(fs5.readFileSync(file, "utf8"));
  } catch (error) {
    handed.problems.push(`${name}: not a hand-over file (${error.message}).`);
    return;
  }
  if (typeof value.digest !== "string" || !/^sha256:[a-f0-9]{64}$/.test(value.digest) || typeof value.platform !== "string") {
    handed.problems.push(`${name}: not a hand-over file of this action (no digest and platform).`);
    return;
  }
  if (value.image !== image) {
    handed.problems.push(`${name}: hands over an image of ${String(value.image)}, and this merge is for ${image}.`);
    return;
  }
  handed.members.push({ source: name, digest: value.digest, claimedPlatform: value.platform, unchanged: value.unchanged === true });
}

// src/adapters/image-upload.ts
import * as fs6 from "node:fs";
import * as path6 from "node:path";
import { promisify } from "node:util";
import * as zlib from "node:zlib";

// src/core/oci.ts
import { createHash } from "node:crypto";
var OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
var OCI_INDEX = "application/vnd.oci.image.index.v1+json";
var DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
var DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
function sha256Digest(bytes) {
  return `sha256:${createHash("sha256").update(bytes).digest("hex")}`;
}

// src/adapters/registry-api.ts
var ACCEPT = [OCI_MANIFEST, OCI_INDEX, DOCKER_MANIFEST, DOCKER_LIST].join(", ");
var RegistryError = class extends Error {
  constructor(message, status) {
    super(message);
    this.status = status;
    this.name = "RegistryError";
  }
  status;
};
function imageRepository(settings, log) {
  const { registry, username, password } = settings;
  return new RegistryClient(settings.image, { registry, username, password, log });
}
function registryBaseUrl(registry) {
  const host = registry === "" || registry === "docker.io" || registry === "index.docker.io" ? "registry-1.docker.io" : registry;
  const bare = host.replace(/:\d+$/, "");
  const loopback = bare === "localhost" || /^127\.\d+\.\d+\.\d+$/.test(bare) || bare === "[::1]";
  return `${loopback ? "http" : "https"}://${host}`;
}
function repositoryPath(image, registry) {
  const name = registry !== "" && image.startsWith(`${registry}/`) ? image.slice(registry.length + 1) : image.replace(/^(docker\.io|index\.docker\.io)\//, "");
  return (registry === "" || registry.endsWith("docker.io")) && !name.includes("/") ? `library/${name}` : name;
}
var RegistryClient = class {
  constructor(image, access) {
    this.access = access;
    this.base = registryBaseUrl(access.registry);
    this.repo = repositoryPath(image, access.registry);
  }
  access;
  base;
  repo;
  authorization = "";
  /** A manifest by tag or digest; undefined when the registry has none. Its digest is checked against its bytes when asked by digest. */
  async manifest(reference) {
    const response = await this.call("GET", `manifests/${reference}`, { headers: { Accept: ACCEPT }, allow: [404] });
    if (response.status === 404) return void 0;
    const bytes = Buffer.from(await response.arrayBuffer());
    const digest = sha256Digest(bytes);
    if (reference.startsWith("sha256:") && digest !== reference)
      throw new RegistryError(`${this.repo}@${reference}: the registry sent a manifest whose digest is ${digest}.`, 0);
    const body = JSON.parse(bytes.toString("utf8"));
    return { digest, bytes, body, mediaType: body.mediaType ?? response.headers.get("content-type") ?? "" };
  }
  /** A blob's bytes, checked against its digest. */
  async blob(digest) {
    const response = await this.call("GET", `blobs/${digest}`, {});
    const bytes = Buffer.from(await response.arrayBuffer());
    if (sha256Digest(bytes) !== digest) throw new RegistryError(`${this.repo}: blob ${digest} came back with other content.`, 0);
    return bytes;
  }
  async hasBlob(digest) {
    return (await this.call("HEAD", `blobs/${digest}`, { allow: [404] })).status !== 404;
  }
  /** Uploads a blob in one request (POST, then PUT with the digest), unless the registry has it already. */
  async putBlob(bytes, digest = sha256Digest(bytes)) {
    if (await this.hasBlob(digest)) return digest;
    const started = await this.call("POST", "blobs/uploads/", { allow: [202] });
    const location = started.headers.get("location");
    if (!location) throw new RegistryError(`${this.repo}: the registry started an upload without a Location.`, started.status);
    const url = new URL(location, this.base);
    url.searchParams.set("digest", digest);
    await this.call("PUT", url.toString(), { body: bytes, headers: { "Content-Type": "application/octet-stream" }, allow: [201] });
    return digest;
  }
  /**
   * Stores a manifest under a tag or its digest; returns its digest and whether the registry took
   * note of its subject (the OCI-Subject header: the registry keeps the referrers list itself).
   */
  async putManifest(reference, mediaType, bytes) {
    const response = await this.call("PUT", `manifests/${reference}`, { body: bytes, headers: { "Content-Type": mediaType }, allow: [201] });
    return { digest: sha256Digest(bytes), subjectNoted: response.headers.has("oci-subject") };
  }
  /**
   * The referrers of a digest: the referrers API where the registry has it, else the index under the
   * fallback tag (sha256-HEX) that clients keep for registries without it. [] when there are none.
   */
  async referrers(digest) {
    const api = await this.call("GET", `referrers/${digest}`, { headers: { Accept: OCI_INDEX }, allow: [404, 400, 405] });
    if (api.status === 200 && (api.headers.get("content-type") ?? "").includes(OCI_INDEX))
      return (await api.json()).manifests ?? [];
    return (await this.manifest(referrersTag(digest)))?.body.manifests ?? [];
  }
  /** Adds a referrer to the fallback tag's index (for registries without the referrers API); one already listed is kept once. */
  async addToReferrersTag(subject, referrer) {
    const tag = referrersTag(subject);
    const current = (await this.manifest(tag))?.body.manifests ?? [];
    const manifests = [...current.filter((entry) => entry.digest !== referrer.digest), referrer];
    await this.putManifest(tag, OCI_INDEX, Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests })));
  }
  async call(method, pathOrUrl, options) {
    const url = pathOrUrl.startsWith("http") ? pathOrUrl : `${this.base}/v2/${this.repo}/${pathOrUrl}`;
    const what = `${method} ${this.repo}/${pathOrUrl.startsWith("http") ? "blobs/uploads" : pathOrUrl}`;
    const attempt = async () => {
      const sentWith = this.authorization;
      let response = await this.send(method, url, options);
      if (response.status === 401 && await this.answerChallenge(response, sentWith)) response = await this.send(method, url, options);
      if (response.ok || (options.allow ?? []).includes(response.status)) return response;
      const text = (await response.text().catch(() => "")).slice(0, 300);
      throw new RegistryError(`${what}: HTTP ${response.status} ${text.trim()}`, response.status);
    };
    return retry(attempt, {
      attempts: 4,
      initialDelayMs: 1e3,
      maxDelayMs: 8e3,
      isTransient: (error) => error instanceof RegistryError ? error.status >= 500 || error.status === 429 : isTransientRegistryError(error),
      onRetry: (error, n, delay) => this.access.log?.(`${what}: attempt ${n} failed (${error.message}); retrying in ${delay / 1e3} s`),
      ...this.access.retry
    });
  }
  send(method, url, options) {
    const headers = { ...options.headers };
    if (this.authorization !== "") headers.Authorization = this.authorization;
    return fetch(url, {
      method,
      headers,
      ...options.body ? { body: new Uint8Array(options.body.buffer, options.body.byteOffset, options.body.length) } : {},
      redirect: "follow",
      signal: AbortSignal.timeout(3e5)
    });
  }
  /**
   * Logs in as a 401's challenge asks: basic auth, or a token from its realm. False when there is
   * nothing more to try. `sentWith` is what the refused call carried: a call made at the same time
   * may have logged in since, and then the call is simply tried again with that.
   */
  async answerChallenge(response, sentWith) {
    await response.arrayBuffer().catch(() => void 0);
    if (this.authorization !== sentWith) return true;
    const challenge = response.headers.get("www-authenticate") ?? "";
    const basic = `Basic ${Buffer.from(`${this.access.username}:${this.access.password}`).toString("base64")}`;
    if (/^basic/i.test(challenge)) {
      if (sentWith === basic || this.access.username === "") return false;
      this.authorization = basic;
      return true;
    }
    const params = Object.fromEntries([...challenge.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1].toLowerCase(), m[2]]));
    if (!/^bearer/i.test(challenge) || !params.realm) return false;
    const tokenUrl = new URL(params.realm);
    if (tokenUrl.protocol !== "https:" && !registryBaseUrl(tokenUrl.host).startsWith("http:"))
      throw new RegistryError(
        `Log in to ${this.access.registry || "docker.io"}: the registry sends logins to ${tokenUrl.origin}, which is not https; refused.`,
        401
      );
    if (params.service) tokenUrl.searchParams.set("service", params.service);
    tokenUrl.searchParams.set("scope", `repository:${this.repo}:pull,push`);
    const tokenResponse = await fetch(tokenUrl, {
      headers: this.access.username !== "" ? { Authorization: basic } : {},
      signal: AbortSignal.timeout(6e4)
    });
    if (!tokenResponse.ok)
      throw new RegistryError(
        `Log in to ${this.access.registry || "docker.io"}: HTTP ${tokenResponse.status} from the token service.`,
        tokenResponse.status
      );
    const body = await tokenResponse.json();
    const token = body.token ?? body.access_token ?? "";
    if (token === "" || sentWith === `Bearer ${token}`) return false;
    this.authorization = `Bearer ${token}`;
    return true;
  }
};
function referrersTag(digest) {
  return digest.replace(":", "-");
}

// src/adapters/image-upload.ts
var gzip2 = promisify(zlib.gzip);
var OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
var LAYER = "application/vnd.oci.image.layer.v1.tar";
async function uploadImage(docker, client, imageId, workDir) {
  const file = path6.join(workDir, "image.tar");
  await docker.save(imageId, file);
  try {
    const archive = readTarIndex(file);
    const saved = JSON.parse(archive.read("manifest.json").toString("utf8"));
    if (saved.length !== 1) throw new Error(`docker save wrote ${saved.length} images for ${imageId}; expected one.`);
    const config = archive.read(saved[0].Config);
    const configDigest = await client.putBlob(config);
    const layers = [];
    for (const layerPath of saved[0].Layers) layers.push(await uploadLayer(client, archive.read(layerPath)));
    const manifest = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: OCI_MANIFEST,
        config: { mediaType: OCI_CONFIG, digest: configDigest, size: config.length },
        layers
      })
    );
    const { digest } = await client.putManifest(sha256Digest(manifest), OCI_MANIFEST, manifest);
    const platform = configPlatform(JSON.parse(config.toString("utf8")));
    return { manifest: { mediaType: OCI_MANIFEST, digest, size: manifest.length }, platform, configDigest };
  } finally {
    fs6.rmSync(file, { force: true });
  }
}
async function uploadLayer(client, bytes) {
  const zstd = bytes.length >= 4 && bytes.readUInt32LE(0) === 4247762216;
  const compressed = bytes[0] === 31 && bytes[1] === 139 || zstd;
  const blob = compressed ? bytes : await gzip2(bytes);
  const mediaType = `${LAYER}+${zstd ? "zstd" : "gzip"}`;
  const digest = await client.putBlob(blob);
  return { mediaType, digest, size: blob.length };
}
function readTarIndex(file) {
  const fd = fs6.openSync(file, "r");
  const entries = /* @__PURE__ */ new Map();
  const links = /* @__PURE__ */ new Map();
  try {
    const size = fs6.fstatSync(fd).size;
    const header = Buffer.alloc(512);
    let offset = 0;
    let longName = "";
    while (offset + 512 <= size) {
      fs6.readSync(fd, header, 0, 512, offset);
      if (header.every((byte) => byte === 0)) break;
      const field = (start, length) => header.toString("utf8", start, start + length).replace(/\0.*$/s, "");
      const entrySize = parseInt(field(124, 12).trim() || "0", 8);
      const type = field(156, 1);
      const prefix = field(345, 155);
      const data = offset + 512;
      if (type === "x" || type === "L") {
        const text = readAt(fd, data, entrySize).toString("utf8");
        longName = type === "L" ? text.replace(/\0.*$/s, "") : /(?:^|\n)\d+ path=([^\n]*)\n/.exec(text)?.[1] ?? "";
      } else {
        const name = longName || (prefix !== "" ? `${prefix}/${field(0, 100)}` : field(0, 100));
        if (type === "0" || type === "" || type === "7") entries.set(name.replace(/^\.\//, ""), { offset: data, size: entrySize });
        if (type === "2") links.set(name.replace(/^\.\//, ""), path6.posix.join(path6.posix.dirname(name), field(157, 100)).replace(/^\.\//, ""));
        longName = "";
      }
      offset = data + Math.ceil(entrySize / 512) * 512;
    }
  } catch (error) {
    fs6.closeSync(fd);
    throw error;
  }
  fs6.closeSync(fd);
  return {
    read(name) {
      const wanted = name.replace(/^\.\//, "");
      const entry = entries.get(links.get(wanted) ?? wanted);
      if (!entry) throw new Error(`docker save wrote no ${name}.`);
      const handle = fs6.openSync(file, "r");
      try {
        return readAt(handle, entry.offset, entry.size);
      } finally {
        fs6.closeSync(handle);
      }
    }
  };
}
function readAt(fd, offset, size) {
  const buffer = Buffer.alloc(size);
  let done = 0;
  while (done < size) done += fs6.readSync(fd, buffer, done, size - done, offset + done);
  return buffer;
}

// src/core/test-record.ts
var TEST_RECORD_TYPE = `application/vnd.${PRODUCT}.test-record.v1+json`;
var EMPTY_CONFIG = { mediaType: "application/vnd.oci.empty.v1+json", digest: sha256Digest("{}"), size: 2 };
function testRecordArtifact(record, subject) {
  const payload = Buffer.from(JSON.stringify(record));
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      artifactType: TEST_RECORD_TYPE,
      config: EMPTY_CONFIG,
      layers: [{ mediaType: TEST_RECORD_TYPE, digest: sha256Digest(payload), size: payload.length }],
      subject: { mediaType: subject.mediaType, digest: subject.digest, size: subject.size },
      annotations: { "org.opencontainers.image.created": (/* @__PURE__ */ new Date()).toISOString() }
    })
  );
  return {
    payload,
    config: Buffer.from("{}"),
    manifest,
    // How the referrers list names it (the fallback tag's index included).
    descriptor: { mediaType: OCI_MANIFEST, digest: sha256Digest(manifest), size: manifest.length, artifactType: TEST_RECORD_TYPE }
  };
}
function parseTestRecord(bytes) {
  let value;
  try {
    value = JSON.parse(bytes.toString("utf8"));
  } catch {
    return void 0;
  }
  if (typeof value !== "object" || value === null) return void 0;
  const record = value;
  const strings = ["subject", "platform", "pythonVersion", "variant", "worker", "baseImage", "date", "runId", "jobId"];
  if (!strings.every((key) => typeof record[key] === "string")) return void 0;
  if (typeof record.probe !== "object" || record.probe === null || typeof record.probe.passed !== "boolean") return void 0;
  return { runAttempt: "", job: "", imageId: "", ...record };
}

// src/pipeline/platform-job.ts
async function handOverTested(docker, reporter, settings, tested, run) {
  const { plan, imageId, probe } = tested;
  const client = imageRepository(settings, (message) => reporter.warning(message));
  const workDir = fs7.mkdtempSync(path7.join(configRoot(), `${PRODUCT}-upload-`));
  try {
    const uploaded = await reporter.group(`Push the tested image by digest to ${settings.image} (no tag)`, async () => {
      const image = await uploadImage(docker, client, imageId, workDir);
      reporter.info(`${settings.image}@${image.manifest.digest} (${image.platform}), config ${image.configDigest}.`);
      return image;
    });
    if (plan.target.platform !== "" && plan.target.platform !== uploaded.platform)
      throw new Error(`The image built for ${plan.target.platform} says it is for ${uploaded.platform}; nothing was handed over.`);
    const record = {
      subject: uploaded.manifest.digest,
      platform: uploaded.platform,
      pythonVersion: settings.pythonVersion,
      variant: settings.variant,
      worker: settings.worker,
      baseImage: plan.baseImage,
      date: run.date,
      runId: run.runId,
      runAttempt: run.runAttempt,
      jobId: run.jobId,
      job: process.env.GITHUB_JOB ?? "",
      imageId,
      probe: { path: plan.probe.path, status: probe.status, seconds: probe.seconds, passed: true }
    };
    await attachRecord(reporter, client, record, uploaded.manifest);
    const handoverFile = writeHandover(settings.handover || path7.join(configRoot(), `${PRODUCT}-handover`), {
      image: settings.image,
      platform: uploaded.platform,
      digest: uploaded.manifest.digest,
      jobId: run.jobId,
      job: record.job,
      runId: run.runId,
      date: run.date
    });
    reporter.setOutput("platform", uploaded.platform);
    reporter.setOutput("handover-file", handoverFile);
    return { digest: uploaded.manifest.digest, pushed: [`${settings.image}@${uploaded.manifest.digest}`], platform: uploaded.platform, handoverFile };
  } finally {
    fs7.rmSync(workDir, { recursive: true, force: true });
  }
}
function handOverUnchanged(reporter, settings, check, run) {
  const platform = canonicalPlatform(check.platforms[0]);
  const digest = check.heldDigests[0];
  const handoverFile = writeHandover(settings.handover || path7.join(configRoot(), `${PRODUCT}-handover`), {
    image: settings.image,
    platform,
    digest,
    jobId: run.jobId,
    job: process.env.GITHUB_JOB ?? "",
    runId: run.runId,
    date: run.date,
    unchanged: true
  });
  reporter.setOutput("platform", platform);
  reporter.setOutput("handover-file", handoverFile);
  return { platform, digest, handoverFile };
}
async function attachRecord(reporter, client, record, manifest) {
  await reporter.group(`Attach the test record to ${manifest.digest.slice(0, 19)}`, async () => {
    const artifact = testRecordArtifact(record, manifest);
    await client.putBlob(artifact.config);
    await client.putBlob(artifact.payload);
    const stored = await client.putManifest(artifact.descriptor.digest, OCI_MANIFEST, artifact.manifest);
    if (!stored.subjectNoted) await client.addToReferrersTag(manifest.digest, artifact.descriptor);
    reporter.info(`Test record ${artifact.descriptor.digest} (${stored.subjectNoted ? "referrers API" : "referrers tag"}).`);
  });
}

// src/pipeline/prepare.ts
import { randomBytes } from "node:crypto";
import * as fs9 from "node:fs";
import * as net from "node:net";
import * as path9 from "node:path";

// src/adapters/build-context.ts
import * as fs8 from "node:fs";
import * as path8 from "node:path";
var CONTEXT_DIR_PREFIX = `${PRODUCT}-context-`;
function holdsGit(dir) {
  for (const entry of fs8.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === ".git") return true;
    if (entry.isDirectory() && holdsGit(path8.join(dir, entry.name))) return true;
  }
  return false;
}
function appBuildContext(appDir, tempRoot) {
  if (!holdsGit(appDir)) return { dir: appDir, withoutGit: false, dispose: () => void 0 };
  const dir = fs8.mkdtempSync(path8.join(tempRoot, CONTEXT_DIR_PREFIX));
  try {
    fs8.cpSync(appDir, dir, {
      recursive: true,
      filter: (source) => path8.basename(source) !== ".git",
      // Links stay links with their own targets, as Docker would send them; timestamps keep the layer cache.
      verbatimSymlinks: true,
      preserveTimestamps: true
    });
  } catch (error) {
    fs8.rmSync(dir, { recursive: true, force: true });
    throw new Error(`Could not prepare the app's build context without .git (${error.message}).`, { cause: error });
  }
  return { dir, withoutGit: true, dispose: () => fs8.rmSync(dir, { recursive: true, force: true }) };
}

// src/core/settings/supply-chain.ts
var ATTESTATION_KINDS = ["provenance", "sbom"];
var PROVENANCE_MODES = ["min", "max"];
var SIGN_MODES = ["none", "keyless", "key"];
function parseSupplyChain(input, builder) {
  const kinds = input.list("attestations").map((kind) => kind.toLowerCase());
  const none = kinds.length === 1 && kinds[0] === "none";
  for (const kind of none ? [] : kinds)
    if (!ATTESTATION_KINDS.includes(kind))
      input.fail(`attestations: "${kind}" is not an attestation; use provenance, sbom, both (provenance, sbom) or none.`);
  const given = input.get("provenance-mode").toLowerCase() || "min";
  if (!PROVENANCE_MODES.includes(given))
    input.fail(
      `provenance-mode: "${input.get("provenance-mode")}" is not a mode; use min (no build arguments) or max (with them and the Dockerfile).`
    );
  const mode = given === "max" ? "max" : "min";
  const sbomGenerator = input.get("sbom-generator");
  if (sbomGenerator !== "" && !isValidReference(sbomGenerator))
    input.fail(`sbom-generator: "${sbomGenerator}" is not an image reference; use e.g. docker/buildkit-syft-scanner:stable-1, or leave it empty.`);
  const attestations = {
    provenance: !none && kinds.includes("provenance") ? mode : "",
    sbom: !none && kinds.includes("sbom"),
    sbomGenerator
  };
  if (builder === "classic" && hasAttestations(attestations))
    input.fail(
      "attestations: the classic builder makes none; use builder: auto or buildx (on GitHub, docker/setup-buildx-action), or set attestations: none."
    );
  return { attestations, signing: parseSigning(input) };
}
function parseSigning(input) {
  const given = input.get("sign").toLowerCase() || "none";
  const key = input.verbatim("cosign-key").trim();
  const keyPassword = input.verbatim("cosign-password");
  if (!SIGN_MODES.includes(given)) {
    input.fail(`sign: "${input.get("sign")}" is not a way to sign; use none, keyless (Sigstore, needs id-token: write) or key (with cosign-key).`);
    return { mode: "none", key: "", keyPassword: "" };
  }
  const mode = given;
  if (mode === "key" && key === "")
    input.fail("cosign-key: required when sign is key; give the private key from `cosign generate-key-pair` as a secret.");
  if (mode !== "key" && key !== "") input.fail(`cosign-key: given, but sign is ${mode}; set sign: key to sign with it.`);
  return { mode, key: mode === "key" ? key : "", keyPassword: mode === "key" ? keyPassword : "" };
}
function hasAttestations(attestations) {
  return attestations.provenance !== "" || attestations.sbom;
}

// src/pipeline/signing.ts
var COSIGN_KEY_ENV = "COSIGN_PRIVATE_KEY";
var COSIGN_PASSWORD_ENV = "COSIGN_PASSWORD";
async function requireSigning(tools, signing, env) {
  if (signing.mode === "none") return;
  if (!await hasTool(tools, "cosign", ["version"]))
    throw new ToolError(
      `sign: ${signing.mode} needs cosign, which is not on PATH; add sigstore/cosign-installer before this step, or set sign: none.`
    );
  if (signing.mode === "keyless" && !env.ACTIONS_ID_TOKEN_REQUEST_URL)
    throw new ToolError(
      "sign: keyless needs the job's OIDC token, and this job has none; grant it with `permissions: id-token: write` (GitHub Actions only), or sign with a key (sign: key and cosign-key)."
    );
}
function signArgs(signing, digestRef) {
  const loopback = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?$/.test(registryHost(digestRef) ?? "");
  return [
    "sign",
    "--yes",
    ...signing.mode === "key" ? ["--key", `env://${COSIGN_KEY_ENV}`] : [],
    // A registry on loopback speaks plain HTTP (as docker allows it); nowhere else.
    ...loopback ? ["--allow-insecure-registry", "--allow-http-registry"] : [],
    // A key-signed signature is not sent to Sigstore's public log: the key's owner is the trust root.
    ...signing.mode === "key" ? ["--tlog-upload=false"] : [],
    digestRef
  ];
}
async function signDigest(tools, signing, repository, digest, options) {
  const ref = `${repository}@${digest}`;
  const env = {
    ...options.configDir !== "" ? { DOCKER_CONFIG: options.configDir } : {},
    ...signing.mode === "key" ? { [COSIGN_KEY_ENV]: signing.key, [COSIGN_PASSWORD_ENV]: signing.keyPassword } : {}
  };
  await retry(
    async () => {
      const signed = await tools("cosign", signArgs(signing, ref), { env, echo: true });
      if (signed.exitCode !== 0) throw new ToolError(`cosign sign ${ref} failed: ${lastLines(signed.stderr || signed.stdout)}`);
    },
    registryRetry(`sign ${ref}`, options.log, options.retry)
  );
  const located = await tools(
    "cosign",
    ["triangulate", ...signArgs(signing, ref).includes("--allow-insecure-registry") ? ["--allow-insecure-registry"] : [], ref],
    {
      env
    }
  );
  return located.exitCode === 0 ? located.stdout.trim() : "";
}
function lastLines(text) {
  return text.trimEnd().split("\n").slice(-5).join("\n");
}

// src/pipeline/prepare.ts
async function prepare(settings, app, env, deps) {
  const { docker, reporter } = deps;
  const runDate = await deps.resolveDate(settings.date, settings.githubToken);
  const job = jobId(deps.source);
  const { builder, dropped, platforms } = await runBuilder(docker, settings, job);
  const attested = attestsPush(settings);
  await requireSupport(settings, builder, attested, deps.tools);
  const platformTargets = await buildTargets(docker, settings, builder, platforms);
  const cache = dropped !== "" ? { from: [], to: [], dropped } : cacheForBuilder({ from: settings.cacheFrom, to: settings.cacheTo }, builder.kind);
  if (cache.dropped !== "") (settings.cacheGiven ? reporter.warning : reporter.info)(`Cache: ${cache.dropped}.`);
  const hostPort = settings.network === "host" ? await freePort() : 0;
  const own = hasOwnImageStore(builder);
  const baseLayouts = platformTargets.map(() => own ? fs9.mkdtempSync(path9.join(configRoot(), `${PRODUCT}-base-`)) : "");
  const appLayouts = platformTargets.map(() => attested ? fs9.mkdtempSync(path9.join(configRoot(), `${PRODUCT}-app-`)) : "");
  const appContext = appBuildContext(settings.appDir, configRoot());
  const context3 = {
    date: runDate.date,
    created: (/* @__PURE__ */ new Date()).toISOString(),
    sourceUrl: deps.source.url,
    revision: deps.source.revision,
    jobId: job,
    builder,
    hostPort,
    hasRequirements: app.hasRequirements,
    actionRoot: env.actionRoot,
    appContext: appContext.dir,
    ...settings.immutableTag ? { run: { number: deps.source.runNumber, attempt: deps.source.runAttempt || "1" } } : {},
    bundledDockerfile: fs9.readFileSync(path9.join(env.actionRoot, "docker", "Dockerfile"), "utf8"),
    cache: { from: cache.from, to: cache.to }
  };
  const contexts = platformTargets.map((target, index) => ({
    ...context3,
    target,
    baseLayout: baseLayouts[index],
    appLayout: appLayouts[index]
  }));
  const plans = contexts.map((planContext) => makePlan(settings, planContext));
  if (appContext.withoutGit) reporter.info("The app folder holds a .git: the image is built from a copy without it.");
  describeRun(reporter, settings, plans, runDate, { builder, cache });
  return { plans, contexts, appContext, baseLayouts, appLayouts, date: runDate.date, jobId: job };
}
function attestsPush(settings) {
  return settings.push && hasAttestations(settings.attestations);
}
async function runBuilder(docker, settings, job) {
  const engineBuilder = await docker.buildxBuilder();
  const named = settings.builder === "current" || typeof settings.builder === "object";
  const namedBuilder = typeof settings.builder === "object" ? settings.builder.name : void 0;
  let facts = named && engineBuilder !== "" ? await docker.inspectBuilder(namedBuilder) : void 0;
  if (facts?.name && facts.platforms.length === 0 && settings.platforms.length > 0) facts = await docker.inspectBuilder(namedBuilder, true);
  const chosen = chooseBuilder(settings.builder, engineBuilder, facts?.name ? facts : void 0);
  const asked = needsCacheExport(settings.cacheTo) || settings.platforms.length > 0;
  const inspected = facts?.name && chosen.kind === "buildx" ? facts : chosen.kind === "buildx" && asked ? await docker.inspectBuilder(chosen.name) : { driver: "", platforms: [] };
  const { builder, dropped } = await cacheCapableBuilder(docker, chosen, inspected.driver, settings, job);
  return { builder, dropped, platforms: inspected.platforms };
}
async function requireSupport(settings, builder, attested, tools) {
  requireSecretSupport(settings.pipIndexUrl, builder);
  if (attested) requireAttestingBuilder(builder);
  if (attested) await requireSkopeo(tools);
  if (settings.push) await requireSigning(tools, settings.signing, process.env);
}
function describeRun(reporter, settings, plans, runDate, { builder, cache }) {
  const first = plans[0];
  reporter.info(
    `Python ${settings.pythonVersion} (${settings.variant}) on ${first.baseImage}, worker ${settings.worker}${describePlatforms(plans)}; dated tags use ${runDate.date} (${runDate.source}). Builder: ${describeBuilder(builder)}. Cache: ${describeCache(cache)}.${first.pipIndex === "secret" ? " The package index reaches pip as a build secret." : ""}`
  );
  if (!attestsPush(settings) && hasAttestations(settings.attestations))
    reporter.info("Attestations are attached to a pushed image only: this run pushes nothing.");
}
function describePlatforms(plans) {
  if (plans.length === 1 && plans[0].target.platform === "") return "";
  return `, for ${plans.map((plan) => `${plan.target.platform}${plan.target.emulated ? ` (emulated; probe timeout ${plan.probe.timeoutSeconds} s)` : ""}`).join(" and ")}`;
}
async function cacheCapableBuilder(docker, chosen, driver, settings, job) {
  if (chosen.kind !== "buildx") return { builder: chosen, dropped: "" };
  if (attestsPush(settings)) {
    if (chosen.driver === void 0) return { builder: { kind: "buildx", name: ownBuilderName(job), own: "attestations" }, dropped: "" };
    if (chosen.driver === "docker")
      throw new BuilderError(
        `attestations: builder ${chosen.name} (docker driver) cannot write an image with its attestations for the smoke test and the push; name a docker-container builder (docker/setup-buildx-action makes one), set builder to auto, or set attestations: none.`
      );
    return { builder: chosen, dropped: "" };
  }
  if (!needsCacheExport(settings.cacheTo)) return { builder: chosen, dropped: "" };
  const store = driver === "docker" || driver === "" ? await docker.containerdImageStore() : false;
  const plan = cacheBuilderPlan(chosen, driver, store, { to: settings.cacheTo, given: settings.cacheGiven });
  if (plan.action === "make") return { builder: { kind: "buildx", name: ownBuilderName(job), own: "cache" }, dropped: "" };
  return { builder: chosen, dropped: plan.action === "drop" ? plan.reason : "" };
}
async function buildTargets(docker, settings, builder, listed) {
  if (settings.platforms.length === 0) return targets([], "");
  if (builder.kind !== "buildx")
    throw new BuilderError(
      `platforms: ${settings.platforms.join(", ")} needs buildx, and this run has the classic builder (${builder.reason}); install the buildx plugin (on GitHub, docker/setup-buildx-action), or leave platforms empty.`
    );
  const enginePlatform = await docker.enginePlatform();
  const missing = unsupportedPlatforms(settings.platforms, listed);
  if (missing.length > 0)
    throw new BuilderError(
      `platforms: builder ${builder.name} cannot build ${missing.join(", ")} on this ${enginePlatform} engine: no emulator is registered for it. Add docker/setup-qemu-action before this step (or, on your own machine, install qemu-user-static and binfmt-support), or build that platform on a runner of its own architecture.`
    );
  return targets(settings.platforms, enginePlatform);
}
function jobId(source) {
  return [source.runId || "local", source.runAttempt || "1", randomBytes(4).toString("hex")].join("-");
}
function freePort() {
  return new Promise((resolve2, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => typeof address === "object" && address ? resolve2(address.port) : reject(new Error("no port was assigned")));
    });
  });
}

// src/pipeline/rebuild.ts
import * as path11 from "node:path";

// src/adapters/context-digest.ts
import * as fs10 from "node:fs";
import * as path10 from "node:path";

// src/core/dockerignore.ts
function compile(pattern) {
  let source = "^";
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === "*") {
      if (pattern[i + 1] === "*") {
        i++;
        if (pattern[i + 1] === "/") i++;
        source += i + 1 >= pattern.length ? ".*" : "(.*/)?";
      } else {
        source += "[^/]*";
      }
    } else if (ch === "?") {
      source += "[^/]";
    } else if (ch === "\\" && i + 1 < pattern.length) {
      source += pattern[++i].replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
    } else if (ch === "[" || ch === "]" || ch === "-" || ch === "^") {
      source += ch;
    } else {
      source += ch.replace(/[.+()|{}$]/g, "\\$&");
    }
  }
  return new RegExp(`${source}$`);
}
function clean(pattern) {
  const parts = [];
  for (const part of pattern.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") parts.pop();
    else parts.push(part);
  }
  return parts.join("/");
}
function compileRules(dockerignore) {
  const rules = [];
  for (const line of dockerignore.split(/\r?\n/)) {
    const text = line.trim();
    if (text === "" || text.startsWith("#")) continue;
    const negated = text.startsWith("!");
    const pattern = clean(negated ? text.slice(1).trim() : text);
    if (pattern === "") continue;
    try {
      rules.push({ text, regex: compile(pattern), depth: pattern.split("/").length, negated });
    } catch {
      continue;
    }
  }
  return rules;
}
function contextFilter(dockerignore) {
  const rules = compileRules(dockerignore);
  return (file) => {
    let decided;
    const segments = file.split("/");
    for (const rule of rules) {
      const matched = rule.regex.test(file) || rule.depth < segments.length && rule.regex.test(segments.slice(0, rule.depth).join("/"));
      if (matched) decided = rule.negated ? void 0 : rule.text;
    }
    return decided;
  };
}
function excludingPattern(dockerignore, file) {
  return contextFilter(dockerignore)(file);
}

// src/core/fingerprint.ts
import { createHash as createHash2 } from "node:crypto";
var REBUILD_MODES = ["always", "if-changed"];
var FINGERPRINT_PARTS = ["base", "app", "docker", "inputs", "action"];
var UNRESOLVED_BASE = "unresolved";
var PART_NAMES = {
  base: "the base image",
  app: "the app folder",
  docker: "the action's docker/ folder",
  inputs: "the inputs that shape the image",
  action: "the action's version"
};
function fingerprintLabel(part) {
  return productLabel(`fingerprint.${part}`);
}
function fingerprintLabels(fingerprint) {
  return Object.fromEntries(FINGERPRINT_PARTS.map((part) => [fingerprintLabel(part), fingerprint[part]]));
}
function readFingerprint(labels) {
  return Object.fromEntries(FINGERPRINT_PARTS.map((part) => [part, labels[fingerprintLabel(part)] ?? ""]));
}
function basePart(baseImage, digest) {
  return digest === "" ? UNRESOLVED_BASE : `${baseImage}@${digest}`;
}
function inputsPart(settings, platform) {
  const canonical = {
    pythonVersion: settings.pythonVersion,
    variant: settings.variant,
    worker: settings.worker,
    baseImage: settings.baseImage,
    buildArgs: Object.entries(settings.buildArgs).sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0),
    appModule: settings.appModule,
    platform,
    tags: settings.extraTags,
    latest: settings.latest,
    immutableTag: settings.immutableTag
  };
  return sha256(JSON.stringify(canonical));
}
function changedParts(held, wanted) {
  return FINGERPRINT_PARTS.filter(
    (part) => held[part] === "" || held[part] !== wanted[part] || part === "base" && wanted.base === UNRESOLVED_BASE
  ).map((part) => ({ part, held: held[part], wanted: wanted[part] }));
}
function describeChange(change) {
  const held = change.held === "" ? "none recorded" : shorten(change.held);
  return `${PART_NAMES[change.part]} (${change.part}): ${held} \u2192 ${shorten(change.wanted)}`;
}
function describeParts(fingerprint) {
  return FINGERPRINT_PARTS.map((part) => `${part} ${shorten(fingerprint[part])}`).join(", ");
}
function shorten(value) {
  return value.replace(/sha256:([a-f0-9]{12})[a-f0-9]{52}/g, "sha256:$1");
}
function sha256(text) {
  return `sha256:${createHash2("sha256").update(text).digest("hex")}`;
}
function filesDigest(files) {
  const lines = [...files].sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0).map((file) => `${file.kind} ${file.digest} ${JSON.stringify(file.path)}`);
  return sha256(lines.join("\n"));
}

// src/adapters/context-digest.ts
function contextDigest(dir, dockerignore = readDockerignore(dir)) {
  const ignored = contextFilter(dockerignore);
  const entries = [];
  const walk = (relative2) => {
    for (const item of fs10.readdirSync(path10.join(dir, relative2), { withFileTypes: true })) {
      const name = relative2 === "" ? item.name : `${relative2}/${item.name}`;
      const full = path10.join(dir, name);
      if (item.isDirectory()) {
        if (ignored(name) === void 0) entries.push({ path: `${name}/`, kind: "file", digest: "" });
        walk(name);
        continue;
      }
      if (ignored(name) !== void 0) continue;
      if (item.isSymbolicLink()) entries.push({ path: name, kind: "link", digest: sha256(fs10.readlinkSync(full)) });
      else if (item.isFile())
        entries.push({ path: name, kind: (fs10.statSync(full).mode & 73) !== 0 ? "executable" : "file", digest: sha256(fs10.readFileSync(full)) });
    }
  };
  walk("");
  return filesDigest(entries);
}
function readDockerignore(dir) {
  const ignoreFile = path10.join(dir, ".dockerignore");
  return fs10.existsSync(ignoreFile) ? fs10.readFileSync(ignoreFile, "utf8") : "";
}
function actionVersion(actionRoot2) {
  const manifest = JSON.parse(fs10.readFileSync(path10.join(actionRoot2, "package.json"), "utf8"));
  const dist = path10.join(actionRoot2, "dist");
  const bundle = fs10.existsSync(dist) ? contextDigest(dist) : "no-bundle";
  return `${manifest.version ?? "0.0.0"}+${bundle}`;
}

// src/core/summary.ts
function firstLine(message) {
  return message.split("\n")[0] ?? "";
}
function versionRows(settings) {
  return [
    { label: "Python", value: settings.pythonVersion },
    { label: "Variant", value: settings.variant },
    { label: "Worker", value: settings.worker }
  ];
}
function buildRows(settings, plan) {
  return [
    ...versionRows(settings),
    { label: "Base image", value: plan.baseImage },
    { label: "Builder", value: describeBuilder(plan.builder) },
    { label: "Cache", value: describeCache(plan.cache) }
  ];
}
function platformRow(result, size) {
  const { plan, probe } = result;
  const emulated = plan.target.emulated ? `, emulated (probe timeout ${plan.probe.timeoutSeconds} s)` : "";
  return {
    label: `Platform ${plan.target.platform}`,
    value: `${result.imageId}${size === void 0 ? "" : `, ${megabytes(size)}`}, built in ${result.buildSeconds.toFixed(0)} s, ${probe.url} \u2192 ${probe.status} in ${probe.seconds.toFixed(2)} s${emulated}`
  };
}
function failureRows(failure2) {
  return [
    { label: "Failed at", value: failure2.stage },
    ...failure2.problems.map((problem) => ({ label: failure2.label, value: problem })),
    ...failure2.facts,
    failure2.outcome
  ];
}
function passedRows(settings, tested, run) {
  const first = tested[0];
  const { push, sizes } = run;
  return [
    { label: "Image", value: settings.image || first.plan.app.tag },
    ...buildRows(settings, first.plan),
    { label: "Tags", value: run.tags.join(", ") },
    { label: "Pushed", value: pushedValue(settings, push) },
    { label: "Digest", value: push?.digest || "-" },
    { label: "Rebuilt because", value: run.reasons.join("; ") },
    { label: "Attestations", value: run.attached.length > 0 ? `${describeAttestations(settings)}: ${run.attached.join("; ")}` : "none" },
    {
      label: "Signature",
      value: push && settings.signing.mode !== "none" ? `cosign (${settings.signing.mode}) of ${push.digest}${run.signature ? ` at ${run.signature}` : ""}` : "none"
    },
    ...tested.length === 1 ? [
      { label: "Image ID", value: first.imageId },
      { label: "Size", value: sizes[0] === void 0 ? "-" : megabytes(sizes[0]) },
      { label: "Probe", value: `${first.probe.url} \u2192 ${first.probe.status} in ${first.probe.seconds.toFixed(2)} s` }
    ] : tested.map((result, index) => platformRow(result, sizes[index]))
  ];
}
function describeAttestations(settings) {
  const { provenance, sbom } = settings.attestations;
  return [...provenance !== "" ? [`provenance (mode ${provenance})`] : [], ...sbom ? ["SBOM (SPDX)"] : []].join(" and ");
}
function pushedValue(settings, push) {
  if (push) return `yes, ${push.pushed.length} tags`;
  return settings.pushSkippedReason !== "" ? `skipped: ${settings.pushSkippedReason}` : "no (push: false)";
}
function megabytes(bytes) {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

// src/pipeline/rebuild.ts
function heldShape(settings, plans) {
  if (settings.mode === "platform") return "index-entry";
  return plans.length > 1 ? "index" : "image";
}
async function checkRebuild(docker, settings, plans, facts) {
  const compare = settings.rebuild === "if-changed" && plans[0].push.enabled;
  const engine = compare && plans.some((plan) => plan.target.platform === "") ? await docker.enginePlatform() : "";
  const platforms = plans.map((plan) => plan.target.platform || engine);
  const reasons = [];
  let baseDigests = plans.map(() => "");
  const compared = `${settings.image}:${tagBase(settings)}`;
  const [resolved, held] = compare ? await Promise.all([
    resolveBaseDigests(docker, plans[0].baseImage, platforms, facts.env).catch((error) => error),
    readHeldImage(docker, compared, facts.env)
  ]) : [void 0, void 0];
  if (resolved instanceof Error) reasons.push(`the digest of the base image ${plans[0].baseImage} could not be read (${firstLineOf(resolved)})`);
  else if (resolved) baseDigests = resolved;
  const shared = {
    app: contextDigest(facts.appContext, facts.appDockerignore),
    docker: contextDigest(path11.join(facts.actionRoot, "docker")),
    action: actionVersion(facts.actionRoot)
  };
  const fingerprints = plans.map((plan, index) => ({
    base: basePart(plan.baseImage, baseDigests[index]),
    ...shared,
    inputs: inputsPart(settings, plan.target.platform)
  }));
  const found = { fingerprints, baseDigests, platforms, heldDigests: platforms.map((platform) => heldDigest(held, platform)) };
  if (!held) {
    const why = settings.rebuild === "always" ? "rebuild: always" : "rebuild: if-changed compares with the registry only when pushing";
    return { ...found, rebuild: true, reasons: [why], compared: "", digest: "" };
  }
  reasons.push(...rebuildReasons(compared, held, platforms, fingerprints, heldShape(settings, plans)));
  return { ...found, rebuild: reasons.length > 0, reasons, compared, digest: held.kind === "image" ? held.digest : "" };
}
function heldDigest(held, platform) {
  if (held?.kind !== "image") return "";
  const key = Object.keys(held.digests).find((candidate) => samePlatform(candidate, platform));
  return key === void 0 ? "" : held.digests[key];
}
function rebuildReasons(compared, held, platforms, wanted, shape) {
  if (held.kind === "missing") return [`${compared} is not in the registry`];
  if (held.kind === "unreadable") return [`${compared} could not be read from the registry (${held.why})`];
  if (held.multiPlatform !== (shape !== "image"))
    return [`${compared} is ${held.multiPlatform ? "a multi-platform image" : "a single-platform image"}, and ${SHAPE_NAMES[shape]}`];
  const reasons = [];
  const heldPlatforms = Object.keys(held.labels);
  const extra = heldPlatforms.filter((platform) => !platforms.some((wantedPlatform) => samePlatform(platform, wantedPlatform)));
  if (shape === "index" && extra.length > 0) reasons.push(`${compared} also holds ${extra.join(", ")}, which this run does not build`);
  platforms.forEach((platform, index) => {
    const key = heldPlatforms.find((candidate) => samePlatform(candidate, platform));
    const where = shape === "index" ? `${platform}: ` : "";
    if (key === void 0) {
      reasons.push(`${where}${compared} holds no image for ${platform}`);
      return;
    }
    for (const change of changedParts(readFingerprint(held.labels[key]), wanted[index])) reasons.push(`${where}${describeChange(change)}`);
  });
  return reasons;
}
var SHAPE_NAMES = {
  image: "this run builds one",
  index: "this run builds several platforms",
  "index-entry": "a platform job compares with its platform's image in the index a merge made"
};
async function readHeldImage(docker, ref, env) {
  try {
    const [manifest, image] = await Promise.all([docker.inspectRemote(ref, "Manifest", env), docker.inspectRemote(ref, "Image", env)]);
    if (manifest === "missing" || image === "missing") return { kind: "missing" };
    return heldImage(manifest, image);
  } catch (error) {
    return { kind: "unreadable", why: firstLineOf(error) };
  }
}
function heldImage(manifest, image) {
  const labelsOf = (config) => config.config?.Labels ?? {};
  const digest = manifest.digest ?? "";
  if (manifest.manifests === void 0) {
    const config = image ?? {};
    const platform = configPlatform(config);
    return { kind: "image", digest, multiPlatform: false, labels: { [platform]: labelsOf(config) }, digests: { [platform]: digest } };
  }
  const labels = {};
  for (const [platform, config] of Object.entries(image ?? {}))
    if (!platform.startsWith("unknown")) labels[platform] = labelsOf(config);
  const digests = {};
  for (const entry of manifest.manifests)
    if (entry.platform !== void 0 && entry.platform.os !== "unknown") digests[configPlatform(entry.platform)] = entry.digest;
  return { kind: "image", digest, multiPlatform: true, labels, digests };
}
async function resolveBaseDigests(docker, baseImage, platforms, env) {
  const manifest = await docker.inspectRemote(baseImage, "Manifest", env);
  if (manifest === "missing") throw new Error(`${baseImage} is not in its registry`);
  return platforms.map((platform) => platformDigest(manifest, platform));
}
function platformDigest(manifest, platform) {
  if (manifest.manifests === void 0) {
    if (!manifest.digest) throw new Error("the registry gave no digest");
    return manifest.digest;
  }
  const found = manifest.manifests.find((entry) => entry.platform !== void 0 && samePlatform(configPlatform(entry.platform), platform));
  if (!found) throw new Error(`it holds no image for ${platform}`);
  return found.digest;
}
function firstLineOf(error) {
  return firstLine(error.message ?? String(error));
}
function fingerprinted(settings, contexts, check) {
  return contexts.map(
    (context3, index) => makePlan(settings, { ...context3, fingerprint: { labels: fingerprintLabels(check.fingerprints[index]), baseDigest: check.baseDigests[index] } })
  );
}
async function reportUnchanged(reporter, settings, check, handedOver) {
  const parts = check.fingerprints.map(
    (fingerprint, index) => `${check.fingerprints.length > 1 ? `image ${index + 1}: ` : ""}${describeParts(fingerprint)}`
  );
  const what = handedOver ? `${handedOver.platform} of ${check.compared} (${check.digest}), ${handedOver.digest},` : `${check.compared} (${check.digest})`;
  const outcome = handedOver ? "the hand-over tells the merge this platform is unchanged" : "no tag moved";
  reporter.notice(`Not rebuilt: ${what} was built from the same fingerprint (${parts.join("; ")}). Nothing was built, tested or pushed; ${outcome}.`);
  reporter.setOutput("rebuilt", "false");
  reporter.setOutput("rebuild-reasons", "");
  reporter.setOutput("tags", handedOver ? `${settings.image}@${handedOver.digest}` : check.compared);
  reporter.setOutput("digest", handedOver ? handedOver.digest : check.digest);
  await reporter.summary("Flask image: unchanged, not rebuilt", [
    { label: "Image", value: check.compared },
    ...versionRows(settings),
    { label: "Digest", value: check.digest },
    ...handedOver ? [{ label: `Platform ${handedOver.platform}`, value: `${handedOver.digest} (handed over as unchanged)` }] : [],
    { label: "Fingerprint", value: parts.join("; ") },
    { label: "Pushed", value: "nothing (rebuild: if-changed, nothing changed)" }
  ]);
}

// src/pipeline/report.ts
async function summarizeFailure(reporter, failure2) {
  await reporter.summary(failure2.title, failureRows(failure2));
}
async function reportRunFailure(reporter, settings, run, error) {
  const { stage } = run;
  if (error instanceof SmokeTestError) {
    reporter.setOutput("probe-status", String(error.lastStatus));
    reporter.details("Why the smoke test failed", error.details);
  }
  await summarizeFailure(reporter, {
    title: "Flask image: failed",
    stage,
    label: "Reason",
    problems: [firstLine(error.message)],
    facts: [...buildRows(settings, run.first), ...run.tested.map((result) => platformRow(result))],
    outcome: {
      label: "Pushed",
      value: stage === "push" ? partlyPushed(error) : stage === "sign" ? "yes, but not signed (the tags and digest outputs name it)" : "nothing"
    }
  });
}
async function reportPassed(docker, reporter, settings, tested, passed) {
  const { push, rebuild, signature } = passed;
  const sizes = await Promise.all(
    tested.map(
      (result) => docker.imageSize(result.imageId).catch((error) => {
        reporter.warning(`Could not read the image size (${firstLine(error.message)}); the image-size output is empty.`);
        return void 0;
      })
    )
  );
  const tags = push ? push.pushed : outputRefs(tested);
  const attached = push ? attestationLines(tested.flatMap((result) => result.layout ? [{ facts: result.layout }] : [])) : [];
  setPassedOutputs(reporter, tested, { tags, attached, sizes, ...passed });
  await reporter.summary(
    "Flask image",
    passedRows(settings, tested, { tags, ...push ? { push } : {}, reasons: rebuild.reasons, attached, signature, sizes })
  );
}
function setPassedOutputs(reporter, tested, run) {
  const first = tested[0];
  reporter.setOutput("tags", run.tags.join("\n"));
  reporter.setOutput("digest", run.push?.digest ?? "");
  reporter.setOutput("image-id", first.imageId);
  reporter.setOutput(
    "platform-image-ids",
    tested.length > 1 ? tested.map((result) => `${result.plan.target.platform}=${result.imageId}`).join("\n") : ""
  );
  reporter.setOutput("probe-status", String(first.probe.status));
  reporter.setOutput("probe-seconds", first.probe.seconds.toFixed(3));
  reporter.setOutput("image-size", run.sizes[0] === void 0 ? "" : String(run.sizes[0]));
  reporter.setOutput("rebuilt", "true");
  reporter.setOutput("rebuild-reasons", run.rebuild.reasons.join("\n"));
  reporter.setOutput("attestations", run.attached.join("\n"));
  reporter.setOutput("signature", run.signature);
}
function partlyPushed(error) {
  if (error instanceof PushError && error.pushed.length > 0)
    return `partly: ${error.pushed.join(", ")} (digest ${error.digest || "unknown"}); latest was not moved`;
  return "no; earlier tags may exist, latest was not moved";
}
function outputRefs(tested) {
  const refs = tested.flatMap((result) => localRefs(result.plan));
  return refs.length > 0 ? refs : tested.map((result) => result.plan.app.tag);
}

// src/core/settings/app.ts
import * as path12 from "node:path";
function parseApp(input, folder, env) {
  const appModule = input.get("app-module");
  if (appModule !== "" && !/^[A-Za-z_][\w.]*(:[A-Za-z_][\w.()]*)?$/.test(appModule))
    input.fail(`app-module: "${appModule}" is not a Python module path; use e.g. myapp.wsgi:application.`);
  const appInput = input.get("app");
  if (appInput === "") return { appDir: path12.join(env.actionRoot, "docker", "demo"), appModule };
  if (folder?.input !== appInput) throw new Error(`parseSettings: pass inspectApp(workspace, "${appInput}") for the app input`);
  const problem = folderProblem(folder, appModule, env.workspace);
  if (problem !== "") input.fail(problem);
  return { appDir: folder.realPath, appModule };
}
function folderProblem(folder, appModule, workspace) {
  const { input, realPath: realPath2 } = folder;
  const relative2 = path12.relative(folder.realWorkspace, realPath2);
  if (relative2 === ".." || relative2.startsWith(`..${path12.sep}`) || path12.isAbsolute(relative2))
    return `app: "${input}" points outside the workspace (${workspace})${realPath2 !== folder.resolved ? `: it is a link to ${realPath2}` : ""}; give a folder inside the repository.`;
  if (!folder.isFolder) return `app: "${input}" is not a folder (looked at ${realPath2}); give the folder that holds main.py or app/main.py.`;
  if (appModule === "" && !folder.hasMain && !folder.hasAppMain)
    return `app: "${input}" holds neither main.py nor app/main.py; add one with a Flask object named app, or set app-module (e.g. mypkg.wsgi:app).`;
  if (folder.hasRequirements && folder.dockerignore !== void 0) {
    const pattern = excludingPattern(folder.dockerignore, "requirements.txt");
    if (pattern !== void 0)
      return `app: "${input}/.dockerignore" leaves requirements.txt out of the build (line "${pattern}"), so the image could not install it; remove that line or add "!requirements.txt" after it.`;
  }
  return "";
}

// src/core/settings/build.ts
function parseBuild(input, env, target) {
  const baseImage = parseBaseImage(input);
  const pipIndexUrl = parsePipIndexUrl(input);
  const buildArgs = input.keyValues("build-args");
  const builder = parseBuilder(input, pipIndexUrl);
  const platforms = parsePlatforms(input.get("platforms"), (m) => input.fail(m));
  const cache = parseCache(input, builder, env, { ...target, platform: platforms.length === 1 ? platforms[0] : "" });
  if (builder === "classic" && platforms.length > 0)
    input.fail("platforms: the classic builder builds only for the engine's own platform; use builder: auto or buildx, or leave platforms empty.");
  const rebuild = parseRebuild(input);
  return {
    baseImage,
    pipIndexUrl,
    buildArgs,
    builder,
    ...cache,
    platforms,
    pull: input.bool("pull", false),
    noCache: input.bool("no-cache", false),
    rebuild
  };
}
function parseRebuild(input) {
  const value = input.get("rebuild").toLowerCase() || "always";
  if (!REBUILD_MODES.includes(value)) {
    input.fail(`rebuild: "${input.get("rebuild")}" is not a rebuild mode; use ${REBUILD_MODES.join(" or ")}.`);
    return "always";
  }
  if (value === "if-changed" && input.get("image") === "")
    input.fail(
      "rebuild: if-changed compares with the image the registry holds, and image is empty; give image (e.g. ghcr.io/acme/web), or use rebuild: always."
    );
  return value;
}
function parseBaseImage(input) {
  const baseImage = input.get("base-image");
  if (baseImage === "") return baseImage;
  const head = baseImage.slice(0, -1);
  const valid = baseImage.endsWith("/") ? isValidRepository(head) || isValidRegistryHost(head) : isValidReference(baseImage);
  if (!valid)
    input.fail(
      `base-image: "${baseImage}" is neither a registry prefix ending in / (e.g. mirror.example.com/library/) nor an image reference (e.g. mirror.example.com/python:3.12-slim).`
    );
  return baseImage;
}
function parsePipIndexUrl(input) {
  const url = input.get("pip-index-url");
  if (url !== "" && !isHttpUrl(url))
    input.fail(`pip-index-url: "${redactUrl(url)}" is not an http(s) URL; use e.g. https://pypi.example.com/simple/.`);
  else if (url !== "" && urlCredentials(new URL(url)) === void 0)
    input.fail(
      `pip-index-url: "${redactUrl(url)}" has a broken % escape in its user or password; write a literal % as %25 (and / as %2F, @ as %40).`
    );
  return url;
}
function parseBuilder(input, pipIndexUrl) {
  const given = input.get("builder");
  const keyword = given.toLowerCase() || "auto";
  let builder = "auto";
  if (BUILDER_KEYWORDS.includes(keyword)) builder = keyword;
  else if (isValidBuilderName(given)) builder = { name: given };
  else
    input.fail(
      `builder: "${given}" is neither ${BUILDER_KEYWORDS.join(", ")} nor a buildx builder name (letters, digits, _ . -, e.g. the name output of docker/setup-buildx-action).`
    );
  if (builder === "classic" && pipIndexUrl !== "" && isHttpUrl(pipIndexUrl) && hasCredentials(pipIndexUrl))
    input.fail(
      `pip-index-url: "${redactUrl(pipIndexUrl)}" carries credentials, and builder: classic has no build secrets, so they would be written into the image history; use builder: auto or buildx, or an index that needs no credentials.`
    );
  return builder;
}
function parseCache(input, builder, env, target) {
  const fromInput = parseCacheInput("cache-from", input.get("cache-from"), (m) => input.fail(m));
  const toInput = parseCacheInput("cache-to", input.get("cache-to"), (m) => input.fail(m));
  const cacheGiven = fromInput !== void 0 || toInput !== void 0;
  const fallback = !cacheGiven && env.githubCache && isSupportedVersion(target.pythonVersion) ? defaultCache(target.pythonVersion, target.variant, target.worker, target.platform) : { from: [], to: [] };
  const roots = { workspace: env.workspace, ...env.runnerTemp ? { runnerTemp: env.runnerTemp } : {} };
  const cacheFrom = placeLocalFolders("cache-from", fromInput === "none" ? [] : fromInput ?? fallback.from, roots, (m) => input.fail(m));
  const cacheTo = placeLocalFolders("cache-to", toInput === "none" ? [] : toInput ?? fallback.to, roots, (m) => input.fail(m));
  if (builder === "classic" && cacheGiven && cacheFrom.length + cacheTo.length > 0)
    input.fail("cache-from / cache-to: the classic builder has no cache backends; use builder: auto or buildx, or leave both empty.");
  return { cacheFrom, cacheTo, cacheGiven };
}

// src/core/settings/input-reader.ts
var ENV_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
var InputReader = class {
  constructor(raw) {
    this.raw = raw;
  }
  raw;
  /** Every problem found so far, in the order found. */
  problems = [];
  /** What reading changed (e.g. a lower-cased image), for notices in the log. */
  notices = [];
  /** The input, trimmed; '' when not given. */
  get(name) {
    return (this.raw[name] ?? "").trim();
  }
  /** The input exactly as given, for values whose spaces may matter (a password, a regular expression). */
  verbatim(name) {
    return this.raw[name] ?? "";
  }
  fail(message) {
    this.problems.push(message);
  }
  notice(message) {
    this.notices.push(message);
  }
  bool(name, fallback) {
    const value = this.get(name).toLowerCase();
    if (value === "") return fallback;
    if (["true", "yes", "1", "on"].includes(value)) return true;
    if (["false", "no", "0", "off"].includes(value)) return false;
    this.fail(`${name}: "${this.get(name)}" is not a boolean; use true or false.`);
    return fallback;
  }
  int(name, fallback, min, max) {
    const value = this.get(name);
    if (value === "") return fallback;
    if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
      this.fail(`${name}: "${value}" is not a whole number from ${min} to ${max}.`);
      return fallback;
    }
    return Number(value);
  }
  /** A list given one per line or comma-separated. */
  list(name) {
    return this.get(name).split(/[\n,]/).map((item) => item.trim()).filter((item) => item !== "");
  }
  /** KEY=VALUE lines; values are kept verbatim (they travel as argument array items, never through a shell). */
  keyValues(name) {
    const result = {};
    for (const line of this.get(name).split("\n")) {
      if (line.trim() === "" || line.trim().startsWith("#")) continue;
      const eq = line.indexOf("=");
      const key = eq < 0 ? line.trim() : line.slice(0, eq).trim();
      if (eq < 0 || !ENV_KEY.test(key)) {
        this.fail(`${name}: "${line.trim()}" is not KEY=VALUE with a KEY of letters, digits and _ (e.g. LOG_LEVEL=debug).`);
        continue;
      }
      result[key] = line.slice(eq + 1);
    }
    return result;
  }
};

// src/core/settings/mode.ts
var MODES = ["build", "platform", "merge"];
var DIGEST_RE = /^sha256:[a-f0-9]{64}$/;
function parseMode(input, context3) {
  const given = input.get("mode").toLowerCase() || "build";
  const mode = MODES.includes(given) ? given : "build";
  if (mode !== given) input.fail(`mode: "${input.get("mode")}" is not a mode; use ${MODES.join(", ")}.`);
  const handover = input.get("handover");
  const digests = parseDigests(input, context3.image);
  if (mode === "platform" && context3.platforms.length > 1)
    input.fail(
      `mode: platform builds one platform per job, and platforms lists ${context3.platforms.join(", ")}; give each job one platform (or none, for the runner's own), or use mode: build for one job that builds them all.`
    );
  if (mode === "merge") {
    if (context3.platforms.length === 0)
      input.fail(
        "platforms: mode: merge needs the platforms the platform jobs built (e.g. linux/amd64,linux/arm64): the merge refuses a set that lacks one."
      );
    if (!context3.push && context3.pushSkippedReason === "")
      input.fail("push: mode: merge points the tags at the tested images; set push: true (and give it the same image, username and password).");
    if (handover === "" && input.list("digests").length === 0)
      input.fail(
        "handover: mode: merge needs the platform jobs' hand-over files (the folder actions/download-artifact wrote them to) or their digests in digests."
      );
  } else if (input.list("digests").length > 0) input.fail(`digests: only mode: merge reads digests; this step's mode is ${mode}.`);
  return { mode, handover, digests };
}
function parseDigests(input, image) {
  const digests = [];
  for (const line of input.list("digests")) {
    const at = line.lastIndexOf("@");
    const digest = at < 0 ? line : line.slice(at + 1);
    const named = at < 0 ? "" : line.slice(0, at).toLowerCase();
    if (!DIGEST_RE.test(digest)) input.fail(`digests: "${line}" is not a digest; give sha256:HEX (64 hex digits) or IMAGE@sha256:HEX, one per line.`);
    else if (named !== "" && named !== image)
      input.fail(
        `digests: "${line}" names ${named}, and this step merges ${image || "no image"}; an index can only name images of its own repository.`
      );
    else digests.push(digest);
  }
  return digests;
}

// src/core/settings/probe.ts
function parseProbe(input) {
  const probeEnv = input.keyValues("probe-env");
  const network = parseNetwork(input);
  const bindTrouble = bindProblem(probeEnv, network);
  if (bindTrouble !== "") input.fail(bindTrouble);
  const probePath = input.get("probe-path") || "/";
  if (!/^\/[\x21-\x7e]*$/.test(probePath)) input.fail(`probe-path: "${probePath}" is not a URL path; start with / and use no spaces, e.g. /health.`);
  const probeStatus = input.int("probe-status", 200, 100, 599);
  const probeBody = parseProbeBody(input);
  const probeTimeout = input.int("probe-timeout", 60, 1, 3600);
  return { probeEnv, network, probePath, probeStatus, probeBody, probeTimeout, probeTimeoutGiven: input.get("probe-timeout") !== "" };
}
function parseNetwork(input) {
  const value = input.get("network").toLowerCase() || "bridge";
  if (value === "bridge" || value === "host") return value;
  input.fail(`network: "${input.get("network")}" is not a network mode; use bridge or host.`);
  return "bridge";
}
function parseProbeBody(input) {
  const probeBody = input.verbatim("probe-body");
  if (probeBody === "") return probeBody;
  try {
    new RegExp(probeBody);
  } catch (error) {
    input.fail(`probe-body: "${probeBody}" is not a regular expression (${error.message}).`);
  }
  return probeBody;
}

// src/core/settings/push.ts
function parsePush(input, env) {
  const image = parseImage(input);
  const requested = input.bool("push", false);
  const trustForeignCode = input.bool("trust-foreign-code", false);
  const username = input.get("username");
  const password = input.verbatim("password");
  const pushSkippedReason = requested ? skipReason(env, trustForeignCode) : "";
  const push = requested && pushSkippedReason === "";
  if (requested && image === "") input.fail("image: required when push is true; e.g. ghcr.io/acme/web.");
  if (push) {
    if (username === "") input.fail("username: required when push is true (the registry user, e.g. ${{ github.actor }}).");
    if (password === "") input.fail("password: required when push is true (a token, e.g. ${{ secrets.GITHUB_TOKEN }}).");
  }
  const untrustedCode = trustForeignCode ? "" : foreignCode(env);
  return { image, push, pushSkippedReason, registry: parseRegistry(input, image), username, password, untrustedCode };
}
function parseImage(input) {
  let image = input.get("image");
  if (image !== "" && image !== image.toLowerCase() && isValidRepository(image.toLowerCase())) {
    input.notice(`image: "${image}" was lower-cased to "${image.toLowerCase()}": registries accept only lowercase repository names.`);
    image = image.toLowerCase();
  }
  if (image === "") return image;
  if (/[:@]/.test(image.slice(image.lastIndexOf("/") + 1)))
    input.fail(`image: "${image}" carries a tag or digest; give the repository only (e.g. ghcr.io/acme/web) and use tags for extra tags.`);
  else if (!isValidRepository(image))
    input.fail(
      `image: "${image}" is not a valid repository; use lowercase letters, digits and . _ - separators, e.g. ghcr.io/acme/web or docker.io/acme/web.`
    );
  return image;
}
function foreignCode(env) {
  if (!env.forkPullRequest && !env.foreignCodeWithSecrets) return "";
  return env.foreignCodeWhy || (env.forkPullRequest ? "pull_request from another repository" : "a pull request from another repository");
}
function skipReason(env, trustForeignCode) {
  if (env.forkPullRequest) return "pull request from a fork: its token is read-only and secrets are withheld, so nothing is pushed";
  if (env.foreignCodeWithSecrets && !trustForeignCode)
    return `the event (${foreignCode(env)}) may have put that code in the workspace while secrets are present; set trust-foreign-code: true if the workflow vetted that code`;
  return "";
}
function parseRegistry(input, image) {
  const registry = input.get("registry") || (image !== "" ? registryHost(image) ?? "" : "");
  if (registry !== "" && !isValidRegistryHost(registry))
    input.fail(`registry: "${registry}" is not a registry host; use e.g. ghcr.io or 127.0.0.1:5000.`);
  return registry;
}

// src/core/settings/tags.ts
var DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
function parseTags(input) {
  const extraTags = input.list("tags");
  for (const tag of extraTags)
    if (!isValidTag(tag)) input.fail(`tags: "${tag}" is not a valid tag; use up to 128 letters, digits, _ . - not starting with . or -.`);
  const date = input.get("date");
  if (date !== "" && !isCalendarDate(date)) input.fail(`date: "${date}" is not a date; use YYYY-MM-DD, e.g. 2026-11-21.`);
  return { extraTags, date, latest: input.bool("latest", true), immutableTag: input.bool("immutable-tag", false) };
}
function isCalendarDate(value) {
  if (!DATE_RE.test(value)) return false;
  const parsed = /* @__PURE__ */ new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(value);
}

// src/core/settings/version.ts
function parseVersion(input) {
  const pythonVersion = parsePythonVersion(input);
  return { pythonVersion, variant: parseVariant(input), worker: parseWorker(input, pythonVersion) };
}
function parsePythonVersion(input) {
  const given = input.get("python-version");
  const pythonVersion = /^3\.\d+\.\d+$/.test(given) ? given.replace(/\.\d+$/, "") : given;
  if (pythonVersion === "") input.fail(`python-version: required; one of ${supportedVersions().join(", ")}.`);
  else if (!isSupportedVersion(pythonVersion))
    input.fail(
      `python-version: "${given}" is not supported; use one of ${supportedVersions().join(", ")}.${/^3\.1$/.test(pythonVersion) ? ' (YAML reads an unquoted 3.10 as the number 3.1: write "3.10" in quotes.)' : ""}`
    );
  return pythonVersion;
}
function parseVariant(input) {
  const value = input.get("variant").toLowerCase() || DEFAULT_VARIANT;
  if (isVariant(value)) return value;
  input.fail(`variant: "${input.get("variant")}" is not a variant; use one of ${supportedVariants().join(", ")}.`);
  return DEFAULT_VARIANT;
}
function parseWorker(input, pythonVersion) {
  const value = input.get("worker").toLowerCase() || "auto";
  const versionOk = isSupportedVersion(pythonVersion);
  const fallback = versionOk ? defaultWorker(pythonVersion) : supportedWorkers()[0];
  if (value === "auto") return fallback;
  if (!isWorker(value)) {
    input.fail(`worker: "${input.get("worker")}" is not a worker; use auto, ${supportedWorkers().join(", ")}.`);
    return fallback;
  }
  if (versionOk && !allowedWorkers(pythonVersion).includes(value)) {
    input.fail(`worker: "${value}" is not offered on Python ${pythonVersion}; use one of ${allowedWorkers(pythonVersion).join(", ")}.`);
    return fallback;
  }
  return value;
}

// src/core/settings.ts
var InputError = class extends Error {
  constructor(problems) {
    super(problems.length === 1 ? problems[0] : `${problems.length} inputs need fixing:
${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.problems = problems;
    this.name = "InputError";
  }
  problems;
};
function parseSettings(raw, env, app) {
  const input = new InputReader(raw);
  const version = parseVersion(input);
  const build = parseBuild(input, env, version);
  const rest = {
    ...version,
    ...parseApp(input, app, env),
    ...parsePush(input, env),
    ...parseTags(input),
    ...build,
    ...parseSupplyChain(input, build.builder),
    ...parseProbe(input),
    githubToken: input.get("github-token"),
    notices: input.notices
  };
  const settings = { ...rest, ...parseMode(input, rest) };
  if (input.problems.length > 0) throw new InputError(input.problems);
  return withholdFromUntrustedCode(settings);
}

// src/pipeline/pipeline.ts
async function runPipeline(raw, env, pipelineDeps) {
  const deps = { ...pipelineDeps, tools: pipelineDeps.tools ?? realToolRunner };
  const { docker, reporter } = deps;
  maskSecrets(raw, reporter);
  const { settings, app } = await validate(raw, env, deps);
  for (const notice2 of settings.notices) reporter.notice(notice2);
  if (settings.pushSkippedReason !== "") reporter.notice(`Push skipped: ${settings.pushSkippedReason}.`);
  await docker.serverVersion();
  const prepared = await failBeforeWork(settings, deps, () => prepare(settings, app, env, deps));
  const first = prepared.plans[0];
  const progress = startProgress(settings, first);
  try {
    await logIn(deps, settings, first, progress);
    progress.stage = "fingerprint";
    const rebuild = await reporter.group(
      "Build fingerprint",
      () => checkRebuild(docker, settings, prepared.plans, {
        actionRoot: env.actionRoot,
        appContext: prepared.appContext.dir,
        appDockerignore: app.dockerignore ?? "",
        env: progress.dockerEnv
      })
    );
    if (!rebuild.rebuild) {
      progress.passed = true;
      const handedOver = settings.mode === "platform" ? handOverUnchanged(reporter, settings, rebuild, platformRun(deps, prepared)) : void 0;
      await reportUnchanged(reporter, settings, rebuild, handedOver);
      return { settings, plan: first, imageId: "", platforms: [], rebuild };
    }
    reporter.info(`Building: ${rebuild.reasons.join("; ")}.`);
    const plans = prepared.plans = fingerprinted(settings, prepared.contexts, rebuild);
    await makeBuilder(deps, settings, first.builder, progress);
    for (const plan of plans) await buildAndTest(deps, settings, plan, plans.length > 1, progress);
    const { tested } = progress;
    const push = await pushOrHandOver(deps, settings, prepared, progress);
    const signature = push ? await sign(deps, settings, { repository: first.push.repository, push }, progress) : "";
    progress.passed = true;
    progress.stage = "report";
    await reportPassed(docker, reporter, settings, tested, { push, rebuild, signature });
    return { settings, plan: first, imageId: tested[0].imageId, probe: tested[0].probe, platforms: tested, ...push ? { push } : {}, rebuild };
  } catch (error) {
    await reportRunFailure(reporter, settings, { first: prepared.plans[0], stage: progress.stage, tested: progress.tested }, error);
    throw error;
  } finally {
    await cleanUpRun(docker, reporter, prepared, progress);
  }
}
function startProgress(settings, first) {
  const configDir = settings.username !== "" && settings.password !== "" ? createDockerConfigDir() : "";
  const { builder } = first;
  return {
    stage: "login",
    passed: false,
    tested: [],
    configDir,
    dockerEnv: configDir !== "" ? loginEnv(configDir) : {},
    ownBuilder: builder.kind === "buildx" && builder.own ? builder.name : ""
  };
}
async function logIn(deps, settings, first, progress) {
  const { docker, reporter } = deps;
  if (progress.configDir !== "") {
    deps.state.save({ dockerConfig: progress.configDir, registry: first.push.registry });
    await reporter.group(
      `Log in to ${first.push.registry || "docker.io"}`,
      () => registryLogin(docker, settings, { configDir: progress.configDir, log: (message) => reporter.warning(message) })
    );
  }
}
async function makeBuilder(deps, settings, builder, progress) {
  const { docker, reporter } = deps;
  if (builder.kind === "buildx" && builder.own) {
    const { name, own } = builder;
    progress.stage = "builder";
    deps.state.save({ builder: name });
    await reporter.group(
      `Make builder ${name} (docker-container) ${OWN_BUILDER_PURPOSE[own].made}`,
      () => docker.createBuilder(createBuilderArgs(name, settings.network), own, progress.dockerEnv)
    );
  }
}
async function pushOrHandOver(deps, settings, prepared, progress) {
  const { docker, reporter } = deps;
  const { tested } = progress;
  for (const result of tested) await tagImage(docker, result.plan, result.imageId);
  progress.stage = "push";
  if (!tested[0].plan.push.enabled) return void 0;
  if (settings.mode === "platform") return handOverTested(docker, reporter, settings, tested[0], platformRun(deps, prepared));
  return pushTested(docker, reporter, settings, tested, { ...progress, tools: deps.tools });
}
function platformRun(deps, prepared) {
  return { date: prepared.date, jobId: prepared.jobId, runId: deps.source.runId, runAttempt: deps.source.runAttempt || "1" };
}
async function sign(deps, settings, pushed, progress) {
  const { reporter } = deps;
  if (settings.signing.mode === "none") return "";
  const { digest } = pushed.push;
  progress.stage = "sign";
  reporter.setOutput("tags", pushed.push.pushed.join("\n"));
  reporter.setOutput("digest", digest);
  return reporter.group(
    `Sign ${digest} (cosign, ${settings.signing.mode})`,
    () => signDigest(deps.tools, settings.signing, pushed.repository, digest, {
      configDir: progress.configDir,
      log: (message) => reporter.warning(message)
    })
  );
}
async function cleanUpRun(docker, reporter, prepared, progress) {
  for (const plan of prepared.plans) {
    await docker.untag(plan.base.tag);
    if (!progress.passed || localRefs(plan).length > 0 || plan.push.enabled) await docker.untag(plan.app.tag);
  }
  prepared.appContext.dispose();
  for (const layout of [...prepared.baseLayouts, ...prepared.appLayouts]) if (layout !== "") fs11.rmSync(layout, { recursive: true, force: true });
  const { configDir, ownBuilder } = progress;
  if (configDir !== "" || ownBuilder !== "")
    await cleanup(
      docker,
      { container: "", dockerConfig: configDir, registry: prepared.plans[0].push.registry, builder: ownBuilder },
      reporter.warning
    );
}
async function pushTested(docker, reporter, settings, tested, login) {
  const first = tested[0];
  const options = { configDir: login.configDir, loggedIn: true, log: (message) => reporter.warning(message) };
  try {
    if (first.plan.appLayout !== "" && tested.length === 1)
      return await reporter.group(
        `Push ${first.plan.push.refs.length} tags with attestations`,
        () => pushAttested(login.tools, first.plan.appLayout, first.plan.push.refs, options)
      );
    const pushPlatform = first.plan.appLayout !== "" ? (plan) => pushLayout(login.tools, plan.appLayout, plan.push.platformRef, options) : void 0;
    if (tested.length === 1)
      return await reporter.group(`Push ${first.plan.push.refs.length} tags`, () => pushImage(docker, first.plan, first.imageId, settings, options));
    return await reporter.group(
      `Push ${tested.length} platforms, then ${first.plan.push.refs.length} tags of the multi-platform image`,
      () => pushPlatforms(docker, tested, { ...options, env: login.dockerEnv, ...pushPlatform ? { pushPlatform } : {} })
    );
  } catch (error) {
    for (const result of tested) await untagAll(docker, localRefs(result.plan));
    if (error instanceof PushError && error.pushed.length > 0) {
      reporter.setOutput("tags", error.pushed.join("\n"));
      reporter.setOutput("digest", error.digest);
    }
    throw error;
  }
}
async function validate(raw, env, deps) {
  try {
    const given = inspectApp(env.workspace, raw["app"]);
    const settings = parseSettings(raw, env, given);
    if (settings.password !== "") deps.reporter.setSecret(settings.password);
    if (settings.immutableTag && deps.source.runNumber === "")
      throw new InputError([
        "immutable-tag: true needs the workflow run number, which only a GitHub workflow has; outside one, leave immutable-tag false and give your own unique tag in tags."
      ]);
    return { settings, app: given ?? inspectApp(settings.appDir, ".") };
  } catch (error) {
    const problems = error instanceof InputError ? error.problems : [error.message];
    await summarizeFailure(deps.reporter, {
      title: "Flask image: failed",
      stage: "inputs",
      label: "Problem",
      problems: problems.map(firstLine),
      facts: [],
      outcome: { label: "Pushed", value: "nothing" }
    });
    throw error;
  }
}
async function failBeforeWork(settings, deps, task) {
  try {
    return await task();
  } catch (error) {
    await summarizeFailure(deps.reporter, {
      title: "Flask image: failed",
      stage: "setup",
      label: "Reason",
      problems: [firstLine(error.message)],
      facts: [{ label: "Python", value: settings.pythonVersion }],
      outcome: { label: "Pushed", value: "nothing" }
    });
    throw error;
  }
}
async function untagAll(docker, refs) {
  for (const ref of refs) await docker.untag(ref);
}
function maskSecrets(raw, reporter) {
  const password = raw["password"] ?? "";
  if (password !== "") reporter.setSecret(password);
  for (const line of (raw["cosign-key"] ?? "").split("\n")) if (line.trim().length > 8) reporter.setSecret(line.trim());
  if ((raw["cosign-password"] ?? "") !== "") reporter.setSecret(raw["cosign-password"]);
  const url = (raw["pip-index-url"] ?? "").trim();
  if (url === "") return;
  reporter.setSecret(url);
  if (!isHttpUrl(url)) return;
  const parsed = new URL(url);
  for (const part of indexMaskParts(parsed)) reporter.setSecret(part);
  if (parsed.password !== "") {
    reporter.setSecret(parsed.password);
    reporter.setSecret(urlCredentials(parsed)?.password ?? parsed.password);
  }
}

// src/adapters/reporter.ts
var actionReporter = {
  group: (title, task) => group(title, task),
  info: (message) => info(message),
  notice: (message) => notice(message),
  warning: (message) => warning(message),
  details(title, text) {
    startGroup(title);
    info(fence(text));
    endGroup();
  },
  setOutput: (name, value) => setOutput(name, value),
  setSecret: (value) => setSecret(value),
  async summary(title, rows) {
    if (!process.env.GITHUB_STEP_SUMMARY) return;
    await summary.addHeading(title, 3).addTable([
      [
        { data: "Item", header: true },
        { data: "Value", header: true }
      ],
      // Cells are HTML to the summary: every value is text (a failure quotes the app's own files).
      ...rows.map((row) => [escapeHtml(row.label), escapeHtml(row.value)])
    ]).write();
  }
};
function consoleReporter(write = (line) => process.stdout.write(`${line}
`)) {
  const outputs = {};
  return {
    outputs,
    async group(title, task) {
      write(`
== ${title}`);
      return task();
    },
    info: write,
    // A message of several lines may quote text the action did not write (an engine's error): fenced,
    // since the command-line entry runs in workflow steps too.
    notice: (message) => write(fenceLines(`notice: ${message}`)),
    warning: (message) => write(fenceLines(`warning: ${message}`)),
    details(title, text) {
      write(`-- ${title}
${fence(text)}`);
    },
    setOutput(name, value) {
      outputs[name] = value;
    },
    setSecret() {
    },
    summary(title, rows) {
      const width = Math.max(...rows.map((row) => row.label.length));
      write(`
== ${title}`);
      for (const row of rows) write(`${row.label.padEnd(width)}  ${row.value}`);
      return Promise.resolve();
    }
  };
}
function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
function fenceLines(text) {
  return text.includes("\n") ? fence(text) : text;
}

export {
  resolveRunDate,
  githubSource,
  githubRunDate,
  INPUT_NAMES,
  readInputs,
  readEnvironment,
  OCI_INDEX,
  DOCKER_LIST,
  readHandovers,
  firstLine,
  versionRows,
  summarizeFailure,
  imageRepository,
  InputError,
  parseSettings,
  TEST_RECORD_TYPE,
  parseTestRecord,
  runPipeline,
  actionReporter,
  consoleReporter
};

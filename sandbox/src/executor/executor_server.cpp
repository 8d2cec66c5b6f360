#include "executor_server.hpp"

#include <chrono>
#include <csignal>
#include <cstdio>
#include <istream>

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/ThreadPool.h>
#include <Poco/Timespan.h>

#include "arena/core/bounded_read.hpp"
#include "executor_router.hpp"

namespace arena::executor {

namespace {

using Poco::Net::HTTPRequestHandler;
using Poco::Net::HTTPServerRequest;
using Poco::Net::HTTPServerResponse;

std::string jsonEscape(std::string_view text) {
  return nlohmann::json(std::string(text))
      .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

class RequestHandler final : public HTTPRequestHandler {
 public:
  RequestHandler(const ExecutorRouter& router, bool log) : m_router(router), m_log(log) {}

  void handleRequest(HTTPServerRequest& request, HTTPServerResponse& response) override {
    const auto started = std::chrono::steady_clock::now();
    bool keepAlive = true;
    HttpResponse out;
    std::string path;
    try {
      path = request.getURI().substr(0, request.getURI().find('?'));
      out = process(request, path, keepAlive);
    } catch (const std::exception& e) {
      out = errorResponse({ErrorCode::Internal, std::string("internal error: ") + e.what()});
      keepAlive = false;
    } catch (...) {
      out = errorResponse({ErrorCode::Internal, "internal error"});
      keepAlive = false;
    }
    try {
      send(request, response, out, keepAlive);
    } catch (...) {
      // The client went away mid-response; nothing left to tell it.
    }
    if (m_log) {
      const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::steady_clock::now() - started)
                          .count();
      std::fprintf(stderr,
                   "{\"event\":\"http_request\",\"method\":%s,\"path\":%s,\"status\":%d,"
                   "\"ms\":%lld}\n",
                   jsonEscape(request.getMethod()).c_str(), jsonEscape(path).c_str(), out.status,
                   static_cast<long long>(ms));
    }
  }

 private:
  HttpResponse process(HTTPServerRequest& request, const std::string& path, bool& keepAlive) {
    HttpRequest in;
    in.method = request.getMethod();
    in.path = path;
    in.contentType = request.has("Content-Type") ? request.getContentType() : std::string{};
    const bool hasBody = request.getChunkedTransferEncoding() ||
                         (request.hasContentLength() && request.getContentLength64() > 0);

    // Only POST /execute reads a body; anything else answers without it, so the connection
    // cannot be reused (the unread body would be taken for the next request).
    if (!(in.method == "POST" && path == "/execute")) {
      if (hasBody) keepAlive = false;
      return m_router.handle(in);
    }
    const Error tooLarge{ErrorCode::PayloadTooLarge,
                         "request body over " + std::to_string(kMaxBodyBytes) + " bytes"};
    if (request.hasContentLength() &&
        request.getContentLength64() > static_cast<std::int64_t>(kMaxBodyBytes)) {
      keepAlive = false;
      return errorResponse(tooLarge);
    }
    bool over = false;
    in.body = readBounded(request.stream(), kMaxBodyBytes, over);
    if (over) {
      keepAlive = false;
      return errorResponse(tooLarge);
    }
    return m_router.handle(in);
  }

  static void send(HTTPServerRequest& request, HTTPServerResponse& response,
                   const HttpResponse& out, bool keepAlive) {
    response.setStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(out.status));
    response.setContentType(out.contentType);
    for (const auto& [name, value] : out.headers) response.set(name, value);
    response.setKeepAlive(keepAlive && request.getKeepAlive());
    response.setContentLength64(static_cast<Poco::Int64>(out.body.size()));
    if (request.getMethod() == "HEAD") {
      response.send();
    } else {
      response.sendBuffer(out.body.data(), out.body.size());
    }
  }

  const ExecutorRouter& m_router;
  bool m_log;
};

class HandlerFactory final : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  HandlerFactory(const ExecutorRouter& router, bool log) : m_router(router), m_log(log) {}
  HTTPRequestHandler* createRequestHandler(const HTTPServerRequest&) override {
    return new RequestHandler(m_router, m_log);
  }

 private:
  const ExecutorRouter& m_router;
  bool m_log;
};

}  // namespace

struct ExecutorServer::Impl {
  Impl(ExecutorService& service, const Options& serverOptions)
      : options(serverOptions), router(service), pool(1, std::max(2, serverOptions.threads)) {}

  Options options;
  ExecutorRouter router;
  Poco::ThreadPool pool;
  std::unique_ptr<Poco::Net::HTTPServer> server;
  std::uint16_t port = 0;
  bool stopped = false;
};

Result<std::unique_ptr<ExecutorServer>> ExecutorServer::start(ExecutorService& service,
                                                              Options options) {
  // A client that hangs up mid-response must cost an EPIPE, not the process.
  std::signal(SIGPIPE, SIG_IGN);
  auto impl = std::make_unique<Impl>(service, options);
  try {
    Poco::Net::ServerSocket socket;
    socket.bind(Poco::Net::SocketAddress(options.bind, options.port), /*reuseAddress=*/true);
    socket.listen(std::max(16, options.queue));
    impl->port = socket.address().port();

    auto* params = new Poco::Net::HTTPServerParams;  // owned by the server (AutoPtr)
    params->setMaxThreads(std::max(1, options.threads));
    params->setMaxQueued(std::max(1, options.queue));
    params->setKeepAlive(true);
    params->setMaxKeepAliveRequests(0);  // unlimited
    params->setKeepAliveTimeout(Poco::Timespan(15, 0));
    params->setTimeout(Poco::Timespan(30, 0));  // a client that stops sending is dropped
    params->setServerName("arena-executor");

    impl->server = std::make_unique<Poco::Net::HTTPServer>(
        new HandlerFactory(impl->router, options.logRequests), impl->pool, socket, params);
    impl->server->start();
  } catch (const std::exception& e) {
    return fail(ErrorCode::Unavailable, "cannot listen on " + options.bind + ":" +
                                            std::to_string(options.port) + ": " + e.what());
  }
  return std::unique_ptr<ExecutorServer>(new ExecutorServer(std::move(impl)));
}

ExecutorServer::ExecutorServer(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}

ExecutorServer::~ExecutorServer() { stop(); }

std::uint16_t ExecutorServer::port() const { return m_impl->port; }

std::string ExecutorServer::url() const {
  const std::string& host = m_impl->options.bind;
  const bool ipv6 = host.find(':') != std::string::npos;
  return "http://" + (ipv6 ? "[" + host + "]" : host) + ":" + std::to_string(m_impl->port);
}

void ExecutorServer::stop() {
  if (!m_impl || m_impl->stopped) return;
  m_impl->stopped = true;
  try {
    m_impl->server->stopAll(/*abortCurrent=*/false);
    m_impl->pool.joinAll();
  } catch (...) {
    // Shutting down: nothing to report to.
  }
}

}  // namespace arena::executor

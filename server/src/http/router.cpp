#include "router.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>

#include "percent_decoding.hpp"

namespace arena::server::http {

namespace {

bool isPlaceholder(std::string_view segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

// Whether `pattern` matches `segments`; fills `params` when it does.
template <class Segments>
bool matches(const Segments& pattern, const std::vector<std::string>& segments,
             std::map<std::string, std::string>* params) {
  if (pattern.size() != segments.size()) return false;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (!pattern[i].placeholder && pattern[i].text != segments[i]) return false;
  }
  if (params != nullptr) {
    for (std::size_t i = 0; i < pattern.size(); ++i) {
      if (pattern[i].placeholder) (*params)[pattern[i].text] = segments[i];
    }
  }
  return true;
}

// True when `a` is more specific than `b`: at the first position where one has a literal and
// the other a placeholder, the literal wins.
template <class Segments>
bool moreSpecific(const Segments& a, const Segments& b) {
  for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) {
    if (a[i].placeholder != b[i].placeholder) return !a[i].placeholder;
  }
  return false;
}

}  // namespace

void Router::add(RouteSpec spec, Handler handler) {
  if (spec.pattern.empty() || spec.pattern.front() != '/') {
    throw std::logic_error("route pattern must start with '/': " + spec.pattern);
  }
  std::vector<Segment> pattern;
  std::string_view rest = std::string_view(spec.pattern).substr(1);
  if (!rest.empty() && rest.back() == '/') rest.remove_suffix(1);
  while (!rest.empty()) {
    const auto slash = rest.find('/');
    const std::string_view segment = rest.substr(0, slash);
    if (segment.empty()) throw std::logic_error("empty segment in route " + spec.pattern);
    if (isPlaceholder(segment)) {
      pattern.push_back({std::string(segment.substr(1, segment.size() - 2)), true});
    } else if (segment.find_first_of("{}") != std::string_view::npos) {
      throw std::logic_error("placeholders must be whole segments: " + spec.pattern);
    } else {
      pattern.push_back({std::string(segment), false});
    }
    if (slash == std::string_view::npos) break;
    rest.remove_prefix(slash + 1);
  }
  // Same method and same shape ("/a/{x}" and "/a/{y}" included) would be ambiguous.
  for (std::size_t i = 0; i < m_routes.size(); ++i) {
    if (m_routes[i].spec.method != spec.method || m_patterns[i].size() != pattern.size()) continue;
    bool same = true;
    for (std::size_t s = 0; s < pattern.size() && same; ++s) {
      const auto& mine = m_patterns[i][s];
      same = mine.placeholder == pattern[s].placeholder &&
             (mine.placeholder || mine.text == pattern[s].text);
    }
    if (same) {
      throw std::logic_error("route registered twice: " + spec.method + " " + spec.pattern);
    }
  }
  if (!handler) throw std::logic_error("route without a handler: " + spec.pattern);
  m_routes.push_back({std::move(spec), std::move(handler)});
  m_patterns.push_back(std::move(pattern));
}

Router::Match Router::match(std::string_view method, std::string_view path) const {
  Match result;
  const auto segments = splitPath(path);
  if (!segments) return result;

  const std::string_view wanted = method == "HEAD" ? std::string_view("GET") : method;
  std::size_t best = m_routes.size();
  bool pathKnown = false;
  for (std::size_t i = 0; i < m_routes.size(); ++i) {
    if (!matches(m_patterns[i], *segments, nullptr)) continue;
    pathKnown = true;
    const std::string& routeMethod = m_routes[i].spec.method;
    if (routeMethod != wanted && routeMethod != method) continue;
    // An explicit HEAD route beats the GET fallback for HEAD.
    if (best == m_routes.size() || moreSpecific(m_patterns[i], m_patterns[best]) ||
        (routeMethod == method && m_routes[best].spec.method != method &&
         !moreSpecific(m_patterns[best], m_patterns[i]))) {
      best = i;
    }
  }
  if (best != m_routes.size()) {
    result.route = &m_routes[best];
    matches(m_patterns[best], *segments, &result.params);
    return result;
  }
  // Only a 405 needs the methods the path does allow: not worked out on the hot path.
  if (pathKnown) result.allowedMethods = allowedMethods(path);
  return result;
}

std::vector<std::string> Router::allowedMethods(std::string_view path) const {
  const auto segments = splitPath(path);
  if (!segments) return {};
  std::set<std::string> allowed;
  for (std::size_t i = 0; i < m_routes.size(); ++i) {
    if (!matches(m_patterns[i], *segments, nullptr)) continue;
    allowed.insert(m_routes[i].spec.method);
    if (m_routes[i].spec.method == "GET") allowed.insert("HEAD");
  }
  return {allowed.begin(), allowed.end()};
}

}  // namespace arena::server::http

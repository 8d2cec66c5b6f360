#pragma once
// Prints CLOCK_MONOTONIC in nanoseconds when the watched widget first paints, then quits: the
// harness subtracts the time it took just before starting the process.

#include <QApplication>
#include <QEvent>
#include <QTimer>
#include <cstdio>
#include <ctime>

inline long long monotonicNs() {
  timespec now{};
  clock_gettime(CLOCK_MONOTONIC, &now);
  return static_cast<long long>(now.tv_sec) * 1'000'000'000LL + now.tv_nsec;
}

inline void reportPeakRss() {
  std::FILE* status = std::fopen("/proc/self/status", "r");
  if (status == nullptr) return;
  char line[256];
  while (std::fgets(line, sizeof line, status) != nullptr) {
    if (std::string_view(line).starts_with("VmHWM:")) std::printf("peak_rss %s", line + 6);
  }
  std::fclose(status);
}

class FirstPaintWatcher : public QObject {
 public:
  explicit FirstPaintWatcher(bool quit) : m_quit(quit) {}
  bool eventFilter(QObject* watched, QEvent* event) override {
    if (event->type() == QEvent::Paint && !m_done) {
      m_done = true;
      std::printf("first_paint_ns %lld\n", monotonicNs());
      std::fflush(stdout);
      if (m_quit) QTimer::singleShot(0, qApp, &QApplication::quit);
    }
    return QObject::eventFilter(watched, event);
  }

 private:
  bool m_quit;
  bool m_done = false;
};

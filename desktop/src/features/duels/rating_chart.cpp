#include "features/duels/rating_chart.hpp"

#include <QJsonArray>
#include <QPainter>
#include <QPainterPath>
#include <algorithm>

#include "features/contests/contest_clock.hpp"

namespace arena::desktop {
namespace {

constexpr int kStep = 50;       // gridlines and range ends fall on whole 50s
constexpr int kMinSpan = 100;   // a flat history still gets some air above and below

int floorTo(int value, int step) { return value >= 0 ? value / step * step : -((-value + step - 1) / step * step); }
int ceilTo(int value, int step) { return -floorTo(-value, step); }

}  // namespace

std::vector<RatingHistoryPoint> ratingHistoryFromJson(const QJsonObject& json) {
  std::vector<RatingHistoryPoint> points;
  for (const auto& value : json.value("points").toArray()) {
    const QJsonObject p = value.toObject();
    if (!p.value("rating").isDouble()) continue;
    RatingHistoryPoint point;
    point.rating = p.value("rating").toInt();
    point.delta = p.value("delta").toInt(0);
    point.matchId = p.value("match_id").toInteger();
    point.changedAt = parseServerTime(p.value("changed_at").toString());
    points.push_back(point);
  }
  return points;
}

RatingChartScale ratingChartScale(const std::vector<RatingHistoryPoint>& points) {
  if (points.empty()) return {};
  const auto [lo, hi] = std::minmax_element(
      points.begin(), points.end(),
      [](const RatingHistoryPoint& a, const RatingHistoryPoint& b) { return a.rating < b.rating; });
  RatingChartScale scale{floorTo(lo->rating, kStep), ceilTo(hi->rating, kStep)};
  // Widen evenly around the middle until the span is enough (keeps whole 50s at both ends).
  while (scale.high - scale.low < kMinSpan) {
    scale.low -= kStep;
    if (scale.high - scale.low < kMinSpan) scale.high += kStep;
  }
  return scale;
}

QPointF RatingChartScale::map(int index, int count, int rating, const QRectF& plot) const {
  const double x = count <= 1 ? plot.center().x()
                              : plot.left() + plot.width() * index / double(count - 1);
  const double fraction = double(rating - low) / double(std::max(1, high - low));
  return {x, plot.bottom() - plot.height() * std::clamp(fraction, 0.0, 1.0)};
}

RatingChart::RatingChart(QWidget* parent) : QWidget(parent) { setMinimumSize(240, 140); }

void RatingChart::setPoints(std::vector<RatingHistoryPoint> points) {
  m_points = std::move(points);
  update();
}

void RatingChart::paintEvent(QPaintEvent*) {
  QPainter painter(this);
  painter.setRenderHint(QPainter::Antialiasing);
  painter.fillRect(rect(), palette().base());
  const QFontMetrics metrics(font());
  if (m_points.empty()) {
    painter.setPen(palette().color(QPalette::PlaceholderText));
    painter.drawText(rect(), Qt::AlignCenter, tr("No rated duels yet"));
    return;
  }
  const RatingChartScale scale = ratingChartScale(m_points);
  const int labelWidth = metrics.horizontalAdvance("00000") + 6;
  const QRectF plot = QRectF(rect()).adjusted(labelWidth, metrics.height(), -12, -metrics.height());

  // Gridlines with their ratings, every 50 (every 100 or more when that would crowd).
  int step = kStep;
  while ((scale.high - scale.low) / step > 6) step *= 2;
  painter.setPen(palette().color(QPalette::Mid));
  for (int rating = scale.low; rating <= scale.high; rating += step) {
    const double y = scale.map(0, 1, rating, plot).y();
    painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y));
    painter.drawText(QRectF(0, y - metrics.height() / 2.0, labelWidth - 4, metrics.height()),
                     Qt::AlignRight | Qt::AlignVCenter, QString::number(rating));
  }

  const int count = static_cast<int>(m_points.size());
  QPainterPath line;
  for (int i = 0; i < count; ++i) {
    const QPointF at = scale.map(i, count, m_points[static_cast<std::size_t>(i)].rating, plot);
    if (i == 0) line.moveTo(at);
    else line.lineTo(at);
  }
  painter.setPen(QPen(QColor(0x33, 0x66, 0xcc), 2));
  painter.drawPath(line);
  for (int i = 0; i < count; ++i) {
    const RatingHistoryPoint& point = m_points[static_cast<std::size_t>(i)];
    const QPointF at = scale.map(i, count, point.rating, plot);
    // Green for a gain, red for a loss: the history reads at a glance.
    const QColor colour = point.delta > 0   ? QColor(0x1b, 0x8a, 0x3a)
                          : point.delta < 0 ? QColor(0xc0, 0x30, 0x30)
                                            : QColor(0x33, 0x66, 0xcc);
    painter.setPen(Qt::NoPen);
    painter.setBrush(colour);
    painter.drawEllipse(at, 4, 4);
  }
  const RatingHistoryPoint& last = m_points.back();
  painter.setPen(palette().color(QPalette::Text));
  painter.drawText(QRectF(plot.left(), 0, plot.width(), metrics.height()), Qt::AlignRight,
                   tr("now %1").arg(last.rating));
}

}  // namespace arena::desktop

#pragma once
// The rating history (GET /api/users/{id}/rating-history) as a small line chart drawn with
// QPainter: one point per rated duel, oldest left. The scale is pure (ratingChartScale), so the
// unit tests pin it without painting: the vertical range is the points' range rounded out to
// whole 50s with at least 100 points of span (a flat history is a flat line in the middle, not
// a line glued to an edge), and the points are spread evenly across the width (one point: the
// middle).

#include <QDateTime>
#include <QJsonObject>
#include <QPointF>
#include <QRectF>
#include <QWidget>
#include <vector>

namespace arena::desktop {

struct RatingHistoryPoint {
  int rating = 0;
  int delta = 0;  // 0 for the first point
  qint64 matchId = 0;
  QDateTime changedAt;
};

// {"user_id", "points":[{rating, previous_rating, delta, match_id, changed_at}]}
std::vector<RatingHistoryPoint> ratingHistoryFromJson(const QJsonObject& json);

struct RatingChartScale {
  int low = 1400;
  int high = 1600;
  // Where point `index` of `count` with `rating` goes inside `plot`.
  QPointF map(int index, int count, int rating, const QRectF& plot) const;
};

RatingChartScale ratingChartScale(const std::vector<RatingHistoryPoint>& points);

class RatingChart : public QWidget {
  Q_OBJECT
 public:
  explicit RatingChart(QWidget* parent = nullptr);
  void setPoints(std::vector<RatingHistoryPoint> points);
  const std::vector<RatingHistoryPoint>& points() const { return m_points; }
  QSize sizeHint() const override { return {360, 180}; }

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  std::vector<RatingHistoryPoint> m_points;
};

}  // namespace arena::desktop

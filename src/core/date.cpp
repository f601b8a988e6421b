// Calendar dates: strict ISO parsing and formatting.
#include "kanten/core/date.hpp"

#include <cstdio>

namespace kanten::inline v1 {
namespace {

bool digits(std::string_view s, int& out) noexcept {
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  out = v;
  return !s.empty();
}

bool leap(int y) noexcept { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) noexcept {
  static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : days[m - 1];
}

}  // namespace

std::optional<Date> parse_date(std::string_view t) noexcept {
  int y = 0, m = 0, d = 0;
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
  if (!digits(t.substr(0, 4), y) || !digits(t.substr(5, 2), m) || !digits(t.substr(8, 2), d)) return std::nullopt;
  // Boost.Date_Time's range is 1400–9999.
  if (y < 1400 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) return std::nullopt;
  return Date(static_cast<unsigned short>(y), static_cast<unsigned short>(m), static_cast<unsigned short>(d));
}

std::optional<YearMonth> parse_year_month(std::string_view t) noexcept {
  int y = 0, m = 0;
  if (t.size() != 7 || t[4] != '-') return std::nullopt;
  if (!digits(t.substr(0, 4), y) || !digits(t.substr(5, 2), m)) return std::nullopt;
  if (y < 1400 || m < 1 || m > 12) return std::nullopt;
  return YearMonth{y * 12 + m - 1};
}

std::string iso(Date d) {
  if (d.is_special()) return "not-a-date";
  auto ymd = d.year_month_day();
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", static_cast<int>(ymd.year), static_cast<int>(ymd.month),
                static_cast<int>(ymd.day));
  return buf;
}

std::string YearMonth::str() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", year(), month());
  return buf;
}

std::string hours_text(Minutes m) {
  const char* sign = m < 0 ? "-" : "";
  long long a = m < 0 ? -static_cast<long long>(m) : m;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%s%lld:%02lld", sign, a / 60, a % 60);
  return buf;
}

}  // namespace kanten::inline v1

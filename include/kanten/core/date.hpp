// kanten/core/date.hpp — calendar dates and calendar months.
//
// Time in kanten is Boost.Date_Time's proleptic Gregorian calendar: dates without times,
// read as Europe/Copenhagen dates (decision "Month means calendar month" (docs/decisions.md)).
// Hours are whole minutes everywhere (decision "Hours in whole minutes" (docs/decisions.md)).
#pragma once

#include "kanten/core/export.hpp"

#include <boost/date_time/gregorian/gregorian.hpp>  // types and their operator<<

#include <compare>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

namespace kanten::inline v1 {

/// A calendar date (Boost.Date_Time); kanten never uses times of day.
using Date = boost::gregorian::date;

/// A whole number of minutes: the unit of every duration in kanten.
using Minutes = std::int32_t;

/// A calendar month, stored as year * 12 + (month - 1) so months compare and subtract as integers.
struct KANTEN_EXPORT YearMonth {
  std::int32_t index = 0;  ///< year * 12 + month - 1

  /// The month that contains `d`.
  static YearMonth of(Date d) noexcept {
    auto ymd = d.year_month_day();
    return {static_cast<std::int32_t>(ymd.year) * 12 + static_cast<std::int32_t>(ymd.month) - 1};
  }
  /// The calendar year, e.g. 2024.
  [[nodiscard]] int year() const noexcept { return index / 12; }
  /// The month of the year, 1–12.
  [[nodiscard]] int month() const noexcept { return index % 12 + 1; }
  /// The first day of the month.
  [[nodiscard]] Date first_day() const { return Date(static_cast<unsigned short>(year()), static_cast<unsigned short>(month()), 1); }
  /// The last day of the month (28, 29, 30 or 31).
  [[nodiscard]] Date last_day() const { return first_day().end_of_month(); }
  /// The month `n` months later (n may be negative).
  [[nodiscard]] YearMonth plus(int n) const noexcept { return {index + n}; }
  /// "YYYY-MM".
  [[nodiscard]] std::string str() const;

  friend auto operator<=>(YearMonth, YearMonth) = default;
  /// Writes "YYYY-MM".
  friend std::ostream& operator<<(std::ostream& out, YearMonth m) { return out << m.str(); }
};

/// Parses a strict ISO date "YYYY-MM-DD" (years 1400–9999, real calendar days only);
/// std::nullopt for anything else, e.g. "2023-02-29" or "2024-2-1".
[[nodiscard]] KANTEN_EXPORT std::optional<Date> parse_date(std::string_view text) noexcept;

/// Parses a strict ISO month "YYYY-MM"; std::nullopt for anything else.
[[nodiscard]] KANTEN_EXPORT std::optional<YearMonth> parse_year_month(std::string_view text) noexcept;

/// Formats a date as "YYYY-MM-DD" ("not-a-date" for a special value).
[[nodiscard]] KANTEN_EXPORT std::string iso(Date d);

/// Formats whole minutes as "H:MM", e.g. 1799 → "29:59".
[[nodiscard]] KANTEN_EXPORT std::string hours_text(Minutes m);

}  // namespace kanten::inline v1

// Dates and months: strict ISO parsing, calendar months, minutes as hours.
#include "kanten/core/date.hpp"

#include <catch2/catch.hpp>

using namespace kanten;

TEST_CASE("parse_date accepts real calendar days only") {
  CHECK(parse_date("2024-02-29") == Date(2024, 2, 29));
  CHECK_FALSE(parse_date("2023-02-29"));
  CHECK_FALSE(parse_date("2100-02-29"));
  CHECK(parse_date("2000-02-29") == Date(2000, 2, 29));
  CHECK_FALSE(parse_date("2024-04-31"));
  CHECK_FALSE(parse_date("2024-13-01"));
  CHECK_FALSE(parse_date("2024-00-10"));
  CHECK_FALSE(parse_date("2024-2-01"));
  CHECK_FALSE(parse_date("2024-02-01T00:00"));
  CHECK_FALSE(parse_date(""));
  CHECK_FALSE(parse_date("abcd-ef-gh"));
  CHECK_FALSE(parse_date("1399-12-31"));
}

TEST_CASE("iso formats dates and marks special values") {
  CHECK(iso(Date(2024, 1, 5)) == "2024-01-05");
  CHECK(iso(Date()) == "not-a-date");
}

TEST_CASE("YearMonth is a calendar month: last days, leap years, arithmetic") {
  const YearMonth feb24 = YearMonth::of(Date(2024, 2, 10));
  CHECK(feb24.year() == 2024);
  CHECK(feb24.month() == 2);
  CHECK(feb24.last_day() == Date(2024, 2, 29));
  CHECK(YearMonth::of(Date(2023, 2, 1)).last_day() == Date(2023, 2, 28));
  CHECK(feb24.plus(11).str() == "2025-01");
  CHECK(feb24.plus(-2).str() == "2023-12");
  CHECK(YearMonth::of(Date(2024, 12, 31)) < YearMonth::of(Date(2025, 1, 1)));
  CHECK(parse_year_month("2024-02") == feb24);
  CHECK_FALSE(parse_year_month("2024-13"));
}

TEST_CASE("hours_text shows whole minutes as H:MM") {
  CHECK(hours_text(1799) == "29:59");
  CHECK(hours_text(1800) == "30:00");
  CHECK(hours_text(5) == "0:05");
  CHECK(hours_text(-90) == "-1:30");
}

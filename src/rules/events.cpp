// The total order of events (events.hpp): by date, then kind (apply_rank()), then
// content — never by address, so copies sort alike.
#include "kanten/rules/events.hpp"

namespace kanten::inline v1 {

std::weak_ordering operator<=>(const AgreementMade& a, const AgreementMade& b) {
  if (auto c = a.kind <=> b.kind; c != 0) return c;
  if (a.start != b.start) {
    if (a.start.is_special() || b.start.is_special())  // not-a-date sorts first
      return a.start.is_special() && !b.start.is_special() ? std::weak_ordering::less
             : !a.start.is_special() && b.start.is_special() ? std::weak_ordering::greater
                                                             : std::weak_ordering::equivalent;
    return a.start < b.start ? std::weak_ordering::less : std::weak_ordering::greater;
  }
  if (auto c = a.minutes_per_week <=> b.minutes_per_week; c != 0) return c;
  if (auto c = a.ordinary_minutes_per_week <=> b.ordinary_minutes_per_week; c != 0) return c;
  // Compare the terms by content, never by address, so the order is the same for copies.
  static const AgreementTerms empty{};
  const AgreementTerms& ta = a.terms ? *a.terms : empty;
  const AgreementTerms& tb = b.terms ? *b.terms : empty;
  return ta <=> tb;
}

namespace {
/// Dates in the order of events: not-a-date first.
std::weak_ordering compare_dates(Date a, Date b) {
  const bool sa = a.is_special(), sb = b.is_special();
  if (sa != sb) return sa ? std::weak_ordering::less : std::weak_ordering::greater;
  if (!sa && a != b) return a < b ? std::weak_ordering::less : std::weak_ordering::greater;
  return std::weak_ordering::equivalent;
}
}  // namespace

std::weak_ordering operator<=>(const HearingSent& a, const HearingSent& b) {
  if (auto c = a.failure_id <=> b.failure_id; c != 0) return c;
  return compare_dates(a.answer_by, b.answer_by);
}

std::weak_ordering operator<=>(const TrainingTrackStarted& a, const TrainingTrackStarted& b) {
  if (auto c = a.track <=> b.track; c != 0) return c;
  if (auto c = a.workplace <=> b.workplace; c != 0) return c;
  if (auto c = a.mentor <=> b.mentor; c != 0) return c;
  return compare_dates(a.end, b.end);
}

std::weak_ordering operator<=>(const Event& a, const Event& b) {
  if (auto c = compare_dates(a.date, b.date); c != 0) return c;
  const std::size_t ra = apply_rank(a.kind()), rb = apply_rank(b.kind());
  if (ra != rb) return ra < rb ? std::weak_ordering::less : std::weak_ordering::greater;
  return a.data <=> b.data;  // one kind: its content
}

}  // namespace kanten::inline v1

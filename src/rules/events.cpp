// The total order of events (events.hpp): by date, then kind (the order of EventData), then
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
  // Compare the terms by content, never by address, so the order is the same for copies.
  static const AgreementTerms empty{};
  const AgreementTerms& ta = a.terms ? *a.terms : empty;
  const AgreementTerms& tb = b.terms ? *b.terms : empty;
  return ta <=> tb;
}

std::weak_ordering operator<=>(const Event& a, const Event& b) {
  const bool sa = a.date.is_special(), sb = b.date.is_special();
  if (sa != sb) return sa ? std::weak_ordering::less : std::weak_ordering::greater;
  if (!sa && a.date != b.date) return a.date < b.date ? std::weak_ordering::less : std::weak_ordering::greater;
  return a.data <=> b.data;
}

}  // namespace kanten::inline v1

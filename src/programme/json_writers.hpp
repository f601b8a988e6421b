// Private: the programme's JSON documents as values, for its report's writer.
#pragma once

#include <span>

#include "core/json_text.hpp"
#include "kanten/core/input.hpp"
#include "kanten/programme/bus.hpp"
#include "kanten/programme/programme.hpp"

namespace kanten::inline v1 {

/// The programme figures' document (to_json(f)).
json_text::ojson figures_ojson(const ProgrammeFigures& f);
/// A bus plan's document (to_json(plan, m, referrals, indent, warnings)).
json_text::ojson bus_plan_ojson(const BusPlan& plan, const Market& m, std::span<const BusReferral> referrals,
                                std::span<const InputWarning> warnings);

}  // namespace kanten::inline v1

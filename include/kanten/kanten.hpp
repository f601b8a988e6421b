// kanten/kanten.hpp — everything: the indsatsmodel rules engine, the matcher, and their interfaces.
#pragma once

#include "kanten/date.hpp"
#include "kanten/error.hpp"
#include "kanten/evaluate.hpp"
#include "kanten/events.hpp"
#include "kanten/generate.hpp"
#include "kanten/json.hpp"
#include "kanten/match_json.hpp"
#include "kanten/matching.hpp"
#include "kanten/model.hpp"
#include "kanten/progress.hpp"
#include "kanten/rules.hpp"
#include "kanten/sanction.hpp"
#include "kanten/sources.hpp"
#include "kanten/version.hpp"

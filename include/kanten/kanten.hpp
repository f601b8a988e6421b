// kanten/kanten.hpp — everything: the indsatsmodel rules engine and its interfaces.
#pragma once

#include "kanten/date.hpp"
#include "kanten/error.hpp"
#include "kanten/evaluate.hpp"
#include "kanten/events.hpp"
#include "kanten/generate.hpp"
#include "kanten/json.hpp"
#include "kanten/model.hpp"
#include "kanten/rules.hpp"
#include "kanten/sanction.hpp"
#include "kanten/sources.hpp"
#include "kanten/version.hpp"

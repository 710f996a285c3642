"""The three example policies of docs/policy-language.md §11 as a minimal OpenFisca system.

Used by bench/openfisca/run.py to compare OpenFisca with the Swift `PolicyLanguage` evaluator
on the same talents. The semantics follow the policy language exactly:

- OpenFisca has no "not recorded" value, so a missing tier/education/district is the enum member
  MISSING, and a missing date is the sentinel 0001-01-01 (`NOT_RECORDED`). A comparison with a
  missing value is false, so every condition on a date or on `age`/`years_since_arrival` is
  guarded by `*_recorded`.
- Lists have no OpenFisca type: `categories` and `honors` are bit sets over the known names
  (`CATEGORY_BITS`, `HONOR_BITS`); `"x" in categories` is a bit test.
- Full months/years follow §2: a month is complete on the same day of the month (or the day
  after, when that day does not exist); full years = floor(full months / 12), negative for a
  date after the evaluation date.
- `period: once` refuses a talent whose earlier payouts of that policy are > 0 ("already paid"),
  before the rule is looked at. `period: monthly` adds no condition.
- The policies are defined per DAY: the period's day is the evaluation date (`today`).
"""

from datetime import date

import numpy
from openfisca_core.entities import build_entity
from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import DAY, ETERNITY
from openfisca_core.taxbenefitsystems import TaxBenefitSystem
from openfisca_core.variables import Variable

NOT_RECORDED = date(1, 1, 1)
NOT_RECORDED_64 = numpy.datetime64("0001-01-01", "D")

CATEGORY_BITS = {"青年拔尖人才": 1, "高层次人才": 2, "急需紧缺人才": 4, "技能人才": 8}
HONOR_BITS = {"国家级荣誉": 1, "省部级荣誉": 2, "两院院士": 4}

Person = build_entity(
    key="person", plural="persons", label="人才 / talent", is_person=True,
)
# OpenFisca's simulation builders expect group entities; each talent is a household of one.
Household = build_entity(
    key="household", plural="households", label="户 / household",
    roles=[{"key": "member", "plural": "members", "label": "成员 / member"}],
)


class Tier(Enum):
    MISSING = "未记录"
    A = "A"
    B = "B"
    C = "C"
    D = "D"
    E = "E"


class Education(Enum):
    MISSING = "未记录"
    DOCTORATE = "博士"
    MASTER = "硕士"
    BACHELOR = "本科"
    ASSOCIATE = "专科"


class District(Enum):
    MISSING = "未记录"
    X_GX = "X-GX"
    D500103 = "500103"
    D500112 = "500112"
    D500105 = "500105"
    X_LJ = "X-LJ"


# --- Inputs -------------------------------------------------------------------------------

class tier(Variable):
    value_type = Enum
    possible_values = Tier
    default_value = Tier.MISSING
    entity = Person
    definition_period = ETERNITY
    label = "层次 / tier"


class education(Variable):
    value_type = Enum
    possible_values = Education
    default_value = Education.MISSING
    entity = Person
    definition_period = ETERNITY
    label = "学历 / education"


class district(Variable):
    value_type = Enum
    possible_values = District
    default_value = District.MISSING
    entity = Person
    definition_period = ETERNITY
    label = "工作单位所在区县 / employer district"


class categories(Variable):
    value_type = int
    entity = Person
    definition_period = ETERNITY
    label = "人才类别（位集，见 CATEGORY_BITS）/ categories as a bit set"


class honors(Variable):
    value_type = int
    entity = Person
    definition_period = ETERNITY
    label = "荣誉（位集，见 HONOR_BITS）/ honours as a bit set"


class arrival_date(Variable):
    value_type = date
    default_value = NOT_RECORDED
    entity = Person
    definition_period = ETERNITY
    label = "来渝日期（0001-01-01 = 未记录）/ arrival date"


class birth_date(Variable):
    value_type = date
    default_value = NOT_RECORDED
    entity = Person
    definition_period = ETERNITY
    label = "出生日期（0001-01-01 = 未记录）/ birth date"


class housing_subsidy_payouts(Variable):
    value_type = int
    entity = Person
    definition_period = ETERNITY
    label = "安家补贴此前已发放次数 / earlier payouts of the housing subsidy"


class young_talent_start_up_payouts(Variable):
    value_type = int
    entity = Person
    definition_period = ETERNITY
    label = "青年拔尖人才科研启动经费此前已发放次数 / earlier payouts of the start-up fund"


# --- Derived attributes -------------------------------------------------------------------

def _ymd(dates):
    """Year, month (1-12) and day (1-31) of a datetime64[D] array."""
    months = dates.astype("datetime64[M]")
    years = months.astype("datetime64[Y]")
    return (
        years.astype(numpy.int64) + 1970,
        months.astype(numpy.int64) % 12 + 1,
        (dates - months).astype(numpy.int64) + 1,
    )


def full_months(start, end: date):
    """Full months from each `start` to `end` (§2), negative when `start` is after `end`."""
    year, month, day = _ymd(start)
    months = (end.year - year) * 12 + (end.month - month)
    return months - (end.day < day)


class arrival_date_recorded(Variable):
    value_type = bool
    entity = Person
    definition_period = ETERNITY

    def formula(person, period):
        return person("arrival_date", period) != NOT_RECORDED_64


class birth_date_recorded(Variable):
    value_type = bool
    entity = Person
    definition_period = ETERNITY

    def formula(person, period):
        return person("birth_date", period) != NOT_RECORDED_64


class age(Variable):
    value_type = int
    entity = Person
    definition_period = DAY
    label = "周岁（仅当 birth_date_recorded）/ full years at the day"

    def formula(person, period):
        return full_months(person("birth_date", period), period.start.date) // 12


class years_since_arrival(Variable):
    value_type = int
    entity = Person
    definition_period = DAY
    label = "来渝满几年（仅当 arrival_date_recorded）/ full years since arrival"

    def formula(person, period):
        return full_months(person("arrival_date", period), period.start.date) // 12


# --- 安家补贴 / housing subsidy (once) ------------------------------------------------------
# eligible: tier in ["A", "B", "C"] and arrival_date >= 2021-01-01 and age < 45
# amount: if tier = "A" then 1_000_000 else if tier = "B" then 500_000 else 200_000

class housing_subsidy_eligible(Variable):
    value_type = bool
    entity = Person
    definition_period = DAY
    label = "安家补贴：符合 / housing subsidy: eligible"

    def formula(person, period):
        t = person("tier", period)
        return (
            (person("housing_subsidy_payouts", period) <= 0)
            * ((t == Tier.A) + (t == Tier.B) + (t == Tier.C))
            * person("arrival_date_recorded", period)
            * (person("arrival_date", period) >= numpy.datetime64("2021-01-01"))
            * person("birth_date_recorded", period)
            * (person("age", period) < 45)
        )


class housing_subsidy(Variable):
    value_type = int
    entity = Person
    definition_period = DAY
    label = "安家补贴金额（元）/ housing subsidy in yuan"

    def formula(person, period):
        t = person("tier", period)
        amount = numpy.select([t == Tier.A, t == Tier.B], [1_000_000, 500_000], 200_000)
        return numpy.where(person("housing_subsidy_eligible", period), amount, 0)


# --- 博士生活补贴 / doctoral living allowance (monthly) ---------------------------------------
# eligible: education = "博士" and tier in ["D", "E"] and district = "X-GX"
#     and arrival_date <= today and years_since_arrival < 3
# amount: 3_000

class doctoral_living_allowance_eligible(Variable):
    value_type = bool
    entity = Person
    definition_period = DAY
    label = "博士生活补贴：符合 / doctoral living allowance: eligible"

    def formula(person, period):
        t = person("tier", period)
        today = numpy.datetime64(period.start.date, "D")
        return (
            (person("education", period) == Education.DOCTORATE)
            * ((t == Tier.D) + (t == Tier.E))
            * (person("district", period) == District.X_GX)
            * person("arrival_date_recorded", period)
            * (person("arrival_date", period) <= today)
            * (person("years_since_arrival", period) < 3)
        )


class doctoral_living_allowance(Variable):
    value_type = int
    entity = Person
    definition_period = DAY
    label = "博士生活补贴金额（元/月）/ doctoral living allowance in yuan a month"

    def formula(person, period):
        return numpy.where(person("doctoral_living_allowance_eligible", period), 3_000, 0)


# --- 青年拔尖人才科研启动经费 / young talent research start-up (once) -----------------------
# eligible: "青年拔尖人才" in categories and (age < 40 or "国家级荣誉" in honors)
# amount: 300_000

class young_talent_start_up_eligible(Variable):
    value_type = bool
    entity = Person
    definition_period = DAY
    label = "青年拔尖人才科研启动经费：符合 / young talent start-up: eligible"

    def formula(person, period):
        young_under_40 = person("birth_date_recorded", period) * (person("age", period) < 40)
        national_honor = (person("honors", period) & HONOR_BITS["国家级荣誉"]) != 0
        return (
            (person("young_talent_start_up_payouts", period) <= 0)
            * ((person("categories", period) & CATEGORY_BITS["青年拔尖人才"]) != 0)
            * (young_under_40 + national_honor)
        )


class young_talent_start_up(Variable):
    value_type = int
    entity = Person
    definition_period = DAY
    label = "青年拔尖人才科研启动经费金额（元）/ young talent start-up in yuan"

    def formula(person, period):
        return numpy.where(person("young_talent_start_up_eligible", period), 300_000, 0)


POLICIES = [
    ("安家补贴", "housing_subsidy", "housing_subsidy_payouts"),
    ("博士生活补贴", "doctoral_living_allowance", None),
    ("青年拔尖", "young_talent_start_up", "young_talent_start_up_payouts"),
]


class YingcaiTaxBenefitSystem(TaxBenefitSystem):
    def __init__(self):
        super().__init__([Person, Household])
        for value in list(globals().values()):
            if isinstance(value, type) and issubclass(value, Variable) and value is not Variable:
                self.add_variable(value)

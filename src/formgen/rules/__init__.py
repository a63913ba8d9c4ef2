"""Pure calculation rules: money, dates, identifiers, ZFŚS loans, income, fund, tax, procedures."""

import { BigNumber, MathBN } from "@medusajs/framework/utils"
import { addDollars, Dollars, isPositive, lte, minDollars, sameToTheCent, subDollars, toDollars, toFlexitiAmount, ZERO_DOLLARS } from "../money"

describe("flexiti money", () => {
  describe("toDollars", () => {
    it("formats a number with exactly 2 decimals", () => {
      expect(toDollars(10)).toBe("10.00")
      expect(toDollars(0)).toBe("0.00")
      expect(toDollars(1260)).toBe("1260.00")
      expect(toDollars(99.9)).toBe("99.90")
    })

    it("accepts a string", () => {
      expect(toDollars("10")).toBe("10.00")
      expect(toDollars("755.9")).toBe("755.90")
      expect(toDollars("0.01")).toBe("0.01")
    })

    it("accepts Medusa's raw BigNumber object (what refundPayment receives)", () => {
      expect(toDollars({ value: "10", precision: 20 })).toBe("10.00")
      expect(toDollars({ value: "1234.5678", precision: 20 })).toBe("1234.57")
    })

    it("accepts a framework BigNumber", () => {
      expect(toDollars(new BigNumber(42.5))).toBe("42.50")
      expect(toDollars(new BigNumber({ value: "19.999", precision: 20 }))).toBe("20.00")
      expect(toDollars(new BigNumber("0.125"))).toBe("0.13")
    })

    it("accepts a bignumber.js value produced by MathBN", () => {
      expect(toDollars(MathBN.convert("3.333"))).toBe("3.33")
    })

    it("rounds half-up at the third decimal", () => {
      expect(toDollars(10.005)).toBe("10.01")
      expect(toDollars("10.005")).toBe("10.01")
      expect(toDollars(10.004)).toBe("10.00")
      expect(toDollars("10.004")).toBe("10.00")
      expect(toDollars("10.0049999")).toBe("10.00")
      expect(toDollars("1.115")).toBe("1.12") // 1.115 is below 1.115 as a double: must not round down
      expect(toDollars(1.115)).toBe("1.12")
      expect(toDollars("2.675")).toBe("2.68") // Number(2.675).toFixed(2) === "2.67"
      expect(toDollars(2.675)).toBe("2.68")
    })

    it("rounds carry across the dollar", () => {
      expect(toDollars("9.995")).toBe("10.00")
      expect(toDollars("0.005")).toBe("0.01")
      expect(toDollars("0.004")).toBe("0.00")
    })

    it("treats null/undefined as zero", () => {
      expect(toDollars(undefined as unknown as number)).toBe("0.00")
      expect(toDollars(null as unknown as number)).toBe("0.00")
    })
  })

  describe("addDollars", () => {
    it("does not drift like floats do", () => {
      expect(0.1 + 0.2).not.toBe(0.3) // the float problem this module exists for
      expect(addDollars(0.1, 0.2)).toBe("0.30")
      expect(addDollars("0.1", "0.2")).toBe("0.30")
    })

    it("adding 0.01 one hundred times is exactly 1.00", () => {
      const cents = Array.from({ length: 100 }, () => 0.01)
      let float = 0
      for (const c of cents) {
        float += c
      }
      expect(float).not.toBe(1)
      expect(addDollars(...cents)).toBe("1.00")
    })

    it("mixes input kinds and returns 0.00 for no amounts", () => {
      expect(addDollars(504, "0.10", { value: "1", precision: 20 }, new BigNumber(0.05))).toBe("505.15")
      expect(addDollars()).toBe("0.00")
    })
  })

  describe("subDollars", () => {
    it("subtracts exactly", () => {
      expect(subDollars(1260, 504.1)).toBe("755.90")
      expect(subDollars("0.3", "0.1")).toBe("0.20")
      expect(subDollars({ value: "100", precision: 20 }, "0.01")).toBe("99.99")
    })

    it("keeps the sign of a negative result", () => {
      expect(subDollars("10", "10.01")).toBe("-0.01")
      expect(subDollars(5, 5)).toBe("0.00")
    })
  })

  describe("minDollars", () => {
    it("returns the smaller amount, formatted", () => {
      expect(minDollars(10, "9.99")).toBe("9.99")
      expect(minDollars("100", 250)).toBe("100.00")
      expect(minDollars({ value: "3", precision: 20 }, new BigNumber(4))).toBe("3.00")
    })

    it("compares numerically, not as strings", () => {
      expect(minDollars("100", "99.95")).toBe("99.95")
      expect(minDollars("9", "10")).toBe("9.00")
    })
  })

  describe("toFlexitiAmount", () => {
    it("returns a number whose JSON is the 2-decimal amount", () => {
      const amount = toFlexitiAmount({ value: "1260.004", precision: 20 })
      expect(typeof amount).toBe("number")
      expect(amount).toBe(1260)
      expect(JSON.stringify({ amount: toFlexitiAmount("504.10") })).toBe('{"amount":504.1}')
      expect(JSON.stringify({ amount: toFlexitiAmount(0.1 + 0.2) })).toBe('{"amount":0.3}')
      expect(JSON.stringify({ amount: toFlexitiAmount("10.005") })).toBe('{"amount":10.01}')
      expect(JSON.stringify(toFlexitiAmount(new BigNumber("755.899")))).toBe("755.9")
    })

    it("the JSON number equals the dollar string numerically", () => {
      for (const input of ["0.01", "1.15", "19.99", "1234.56", "99999.99", 0.1 + 0.7]) {
        const dollars = toDollars(input)
        expect(Number(JSON.stringify(toFlexitiAmount(input))).toFixed(2)).toBe(dollars)
      }
    })
  })

  describe("sameToTheCent", () => {
    it("is true when both round to the same cent", () => {
      expect(sameToTheCent(10, "10.00")).toBe(true)
      expect(sameToTheCent(0.1 + 0.2, "0.30")).toBe(true)
      expect(sameToTheCent({ value: "10.004", precision: 20 }, 10)).toBe(true)
      expect(sameToTheCent(new BigNumber(5), "5")).toBe(true)
    })

    it("is false when they differ by a cent", () => {
      expect(sameToTheCent(10, "10.01")).toBe(false)
      expect(sameToTheCent("10.005", 10)).toBe(false)
    })
  })

  describe("lte", () => {
    it("compares to the cent", () => {
      expect(lte("99.99", 100)).toBe(true)
      expect(lte(100, "100.00")).toBe(true)
      expect(lte("100.01", 100)).toBe(false)
      // equal after rounding to cents
      expect(lte("100.004", 100)).toBe(true)
      expect(lte("100.005", 100)).toBe(false)
    })

    it("compares numerically, not as strings", () => {
      expect(lte("9", "10")).toBe(true)
      expect(lte("100", "99.95")).toBe(false)
    })

    it("accepts raw and BigNumber inputs", () => {
      expect(lte({ value: "50", precision: 20 }, new BigNumber(50))).toBe(true)
      expect(lte(new BigNumber(50.01), { value: "50", precision: 20 })).toBe(false)
    })
  })

  describe("isPositive", () => {
    it("is false for zero and amounts that round to zero", () => {
      expect(isPositive(0)).toBe(false)
      expect(isPositive("0.004")).toBe(false)
      expect(isPositive("0.005")).toBe(true)
      expect(isPositive(-1)).toBe(false)
    })
  })

  describe("Dollars", () => {
    it("is made only through the rounding rule: a bare string is refused by the compiler", () => {
      // Checked by `tsc -p tsconfig.tests.json` (CI): if Dollars were a plain string again,
      // the directive below would be unused and the compile would fail.
      // @ts-expect-error a string from a request, a column or session data is not money yet
      const bare: Dollars = "12.5"
      const money: Dollars = toDollars(bare)
      expect(money).toBe("12.50")
      expect(ZERO_DOLLARS).toBe("0.00")
    })
  })
})

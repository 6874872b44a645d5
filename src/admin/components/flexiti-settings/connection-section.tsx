import { Badge, Button, Text, toast } from "@medusajs/ui"
import { useMutation } from "@tanstack/react-query"
import { useEffect, useState } from "react"
import { errorMessage, FlexitiEnvironment, flexitiApi, TestConnectionResult } from "../../lib/flexiti-api"
import { Section } from "./layout"

export function ConnectionSection({ environment }: { environment: FlexitiEnvironment }) {
  const [result, setResult] = useState<TestConnectionResult | null>(null)
  const test = useMutation({
    mutationFn: () => flexitiApi.testConnection(environment),
    onSuccess: (r) => setResult(r),
    onError: (e) => toast.error(errorMessage(e)),
  })
  useEffect(() => setResult(null), [environment])
  return (
    <Section title="Connection" description="Requests a real token from Flexiti with the credentials in force.">
      <div className="flex items-center gap-3">
        <Button size="small" variant="secondary" data-testid="flexiti-test-connection" isLoading={test.isPending} onClick={() => test.mutate()}>
          Test connection
        </Button>
        <div data-testid="flexiti-test-result" data-ok={result ? String(result.ok) : undefined}>
          {result?.ok === true && (
            <Text size="small">
              <Badge size="2xsmall" color="green">
                Connected
              </Badge>{" "}
              scope {result.scope}, token valid {result.expires_in}s, reference id <code>{result.reference_id}</code>
            </Text>
          )}
          {result?.ok === false && (
            <Text size="small">
              <Badge size="2xsmall" color="red">
                {result.code}
              </Badge>{" "}
              {result.message} (reference id <code>{result.reference_id}</code>)
            </Text>
          )}
        </div>
      </div>
    </Section>
  )
}

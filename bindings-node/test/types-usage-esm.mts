// The same declarations seen from an ES module (checked by `tsc --noEmit`, never run).
import hcp, { Client, PartnerError, type ListSubCustomersResponse } from 'huaweicloud-partner'

export async function esmUsage(): Promise<number> {
  const client = new Client({ accessKey: 'AK', secretKey: 'SK' })
  const page: ListSubCustomersResponse = await client.customers.list({ limit: 1 })
  const viaDefault: typeof Client = hcp.Client
  void viaDefault
  try {
    return page.customer_infos?.length ?? 0
  } catch (e) {
    if (e instanceof PartnerError) return e.status ?? 0
    throw e
  }
}

import type { Handlers } from '../../shared/dispatch'
import type { ProjectSession } from './project/projectSession'
import type { RecentProjects } from './project/recentProjects'

type ProjectRoutes = Pick<
  Handlers,
  'project.new' | 'project.open' | 'project.save' | 'project.saveAs' | 'project.recent' | 'project.current'
>

/** The project routes over the one project the engine holds open. */
export function createProjectHandlers(session: ProjectSession, recent: RecentProjects): ProjectRoutes {
  return {
    'project.new': async ({ folder, name, content }) => session.create(folder, name, content),
    'project.open': async ({ folder }) => session.open(folder),
    'project.save': async ({ project, folder }) => session.save(project, folder),
    'project.saveAs': async ({ folder, project }) => session.saveAs(folder, project),
    'project.recent': async () => ({ projects: await recent.list() }),
    'project.current': async () => session.describe()
  }
}

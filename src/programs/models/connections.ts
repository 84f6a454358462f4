import { ObjectType } from '@nestjs/graphql';

import { Connection } from '../../common/pagination/connection.js';
import { FundingProgramModel } from './funding-program.model.js';
import { ProjectModel } from './project.model.js';

@ObjectType()
export class FundingProgramConnection extends Connection(FundingProgramModel, 'FundingProgram') {}

@ObjectType()
export class ProjectConnection extends Connection(ProjectModel, 'Project') {}
